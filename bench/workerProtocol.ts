/** What the benchmark and its worker process say to each other over the IPC channel. */

export interface WorkerSettings {
  programmeBundle: string;
  baselineBundle: string;
  programmeQueue: string;
  baselineQueue: string;
  /** Set explicitly: the memory measurement parks thousands of workflows in the cache. */
  maxCachedWorkflows: number;
  /** The programme worker's cache when it differs (BENCH_PROGRAMME_CACHE, e.g. 0 as deployed without one). */
  programmeCache?: number;
}

export interface WorkerRequest {
  id: number;
  /** `memory` collects garbage first; `status` does not. */
  type: 'memory' | 'status';
}

export interface CacheStatus {
  cached: number;
  activations: number;
  activities: number;
}

export interface WorkerReport {
  id: number;
  memory: NodeJS.MemoryUsage;
  programmes: CacheStatus;
  baselines: CacheStatus;
}
