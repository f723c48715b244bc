// Model prices (config `prices`, a route's `price`): a cost estimated from tokens, for agents whose stream
// reports tokens while they run but a cost only at the end (claude) or never. No built-in table: prices
// change and gateways rename models, so wtagents knows only the prices the config gives. Pure.

/** US dollars per million tokens. */
export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Cache reads (claude counts them in its input tokens); else the input price. */
  cacheReadPerMTok?: number | undefined;
}

export interface TokenFigures {
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, read from the prompt cache. */
  cachedTokens?: number | undefined;
}

/** The cost of these tokens at this price (cache writes count at the input price). */
export function estimateCost(t: TokenFigures, p: Price): number {
  const cached = Math.min(t.cachedTokens ?? 0, t.inputTokens);
  const usd = ((t.inputTokens - cached) * p.inputPerMTok + cached * (p.cacheReadPerMTok ?? p.inputPerMTok) + t.outputTokens * p.outputPerMTok) / 1_000_000;
  return Math.round(usd * 1e6) / 1e6;
}

/** A step's price: its route's own `price`, else config `prices` of the first model named that has one. */
export function priceFor(prices: Readonly<Record<string, Price>> | undefined, routePrice: Price | undefined, models: readonly (string | undefined)[]): Price | undefined {
  if (routePrice) return routePrice;
  for (const m of models) if (m !== undefined && prices && Object.hasOwn(prices, m)) return prices[m];
  return undefined;
}
