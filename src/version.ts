// The package version: injected by the bundler; "dev" when running from source.
declare const WTAGENTS_VERSION: string | undefined;
export const VERSION: string = typeof WTAGENTS_VERSION === 'string' ? WTAGENTS_VERSION : '0.0.0-dev';
