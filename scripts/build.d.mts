// Types of scripts/build.mjs, for the benchmark that builds before measuring a start.
export declare const DIST: string;
export declare const STAMP: string;
export declare function stale(): Promise<boolean>;
export declare function buildDist(): Promise<void>;
