// A minimal terminal screen for the benches: applies the output stream (text, cursor moves, erases) to a grid,
// so "is this line on screen" is answered as a terminal would, whatever Ink's incremental updates skip.
export class Screen {
  constructor(cols, rows) {
    this.cols = cols;
    this.rows = rows;
    this.grid = Array.from({ length: rows }, () => Array(cols).fill(' '));
    this.r = 0;
    this.c = 0;
    this.saved = [0, 0];
    this.decoder = new TextDecoder('utf-8');
    this.pending = '';
  }

  write(bytes) {
    const text = this.pending + this.decoder.decode(bytes, { stream: true });
    this.pending = '';
    let i = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\u001b') {
        const n = this.#escape(text, i);
        if (n === 0) {
          this.pending = text.slice(i); // incomplete sequence: wait for more bytes
          return;
        }
        i += n;
        continue;
      }
      if (ch === '\r') this.c = 0;
      else if (ch === '\n') this.#down();
      else if (ch === '\b') this.c = Math.max(0, this.c - 1);
      else if (ch >= ' ') this.#put(ch);
      i++;
    }
  }

  row(i) {
    return this.grid[i].join('').trimEnd();
  }

  text() {
    return this.grid.map((_, i) => this.row(i)).join('\n');
  }

  #put(ch) {
    if (this.c >= this.cols) {
      this.c = 0;
      this.#down();
    }
    this.grid[this.r][this.c] = ch;
    this.c++;
  }

  #down() {
    if (this.r === this.rows - 1) {
      this.grid.shift();
      this.grid.push(Array(this.cols).fill(' '));
    } else this.r++;
  }

  #clamp() {
    this.r = Math.max(0, Math.min(this.rows - 1, this.r));
    this.c = Math.max(0, Math.min(this.cols - 1, this.c));
  }

  /** Handle the escape sequence at `i`; returns its length, or 0 when it is not complete yet. */
  #escape(text, i) {
    const next = text[i + 1];
    if (next === undefined) return 0;
    if (next === '[') {
      const m = /^\u001b\[([0-9;?<>=]*)[ -/]*([@-~])/.exec(text.slice(i, i + 64));
      if (!m) return text.length - i < 64 ? 0 : 2;
      this.#csi(m[1], m[2]);
      return m[0].length;
    }
    if (next === ']' || next === 'P' || next === '_' || next === '^') {
      const rest = text.slice(i + 2);
      const bel = rest.indexOf('\u0007');
      const st = rest.indexOf('\u001b\\');
      const ends = [bel === -1 ? Infinity : bel + 1, st === -1 ? Infinity : st + 2];
      const end = Math.min(...ends);
      return end === Infinity ? 0 : 2 + end;
    }
    if (next === '7') this.saved = [this.r, this.c];
    if (next === '8') [this.r, this.c] = this.saved;
    if (next === '(' || next === ')') return text.length - i < 3 ? 0 : 3;
    return 2;
  }

  #csi(params, final) {
    if (params.startsWith('?') || params.startsWith('>') || params.startsWith('<') || params.startsWith('=')) return;
    const p = params.split(';').map((x) => (x === '' ? NaN : Number(x)));
    const n = Number.isNaN(p[0]) ? 1 : Math.max(1, p[0]);
    switch (final) {
      case 'A': this.r -= n; break;
      case 'B': this.r += n; break;
      case 'C': this.c += n; break;
      case 'D': this.c -= n; break;
      case 'E': this.r += n; this.c = 0; break;
      case 'F': this.r -= n; this.c = 0; break;
      case 'G': this.c = n - 1; break;
      case 'd': this.r = n - 1; break;
      case 'H':
      case 'f':
        this.r = (Number.isNaN(p[0]) ? 1 : p[0]) - 1;
        this.c = (Number.isNaN(p[1]) ? 1 : p[1]) - 1;
        break;
      case 'J': {
        const mode = Number.isNaN(p[0]) ? 0 : p[0];
        for (let r = 0; r < this.rows; r++) {
          if (mode === 0 && r < this.r) continue;
          if (mode === 1 && r > this.r) continue;
          for (let c = 0; c < this.cols; c++) {
            if (mode === 0 && r === this.r && c < this.c) continue;
            if (mode === 1 && r === this.r && c > this.c) continue;
            this.grid[r][c] = ' ';
          }
        }
        return;
      }
      case 'K': {
        const mode = Number.isNaN(p[0]) ? 0 : p[0];
        const from = mode === 0 ? this.c : 0;
        const to = mode === 1 ? this.c : this.cols - 1;
        for (let c = from; c <= to && c < this.cols; c++) this.grid[this.r][c] = ' ';
        return;
      }
      default:
        return;
    }
    this.#clamp();
  }
}
