// Types of scripts/bundle.mjs for the tests that build with the project's own bundle options.
import type { BuildOptions, BuildResult, Plugin } from 'esbuild';

export const stringWidthTextFastPath: Plugin;
export function inkOutputCachesAcrossFrames(): Plugin;
export const inkRowMeasures: Plugin;
export const bundleOptions: BuildOptions & { write: false };
export function writeBundle(result: BuildResult, outdir: string, entries?: string[]): void;
export function wtagentsOptions(): BuildOptions & { write: false; outdir: string; absWorkingDir: string };
export const SCREEN_LOADS: string[];
export function screenOptions(): BuildOptions & { write: false; outdir: string; absWorkingDir: string };
export function supervisorOptions(): BuildOptions & { write: false; outdir: string; absWorkingDir: string };
export function distBuilds(): Array<[BuildOptions & { write: false; outdir: string; absWorkingDir: string }, string[]]>;
export const leanZod: Plugin;
