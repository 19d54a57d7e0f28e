/**
 * The run's lanes: `workers` pool threads and, maybe, the main thread. A task waits for a free
 * lane (in the order tasks start), so whichever lane is done first takes the next task: a lane
 * is never idle while tasks wait. A free worker is taken before the main thread.
 */
export class Lanes {
  readonly workers: number;
  private freeWorkers: number;
  private mainFree: boolean;
  private readonly waiting: ((lane: Lane) => void)[] = [];

  constructor(jobs: number, mainLane: boolean) {
    this.workers = mainLane ? jobs - 1 : jobs;
    this.freeWorkers = this.workers;
    this.mainFree = mainLane;
  }

  take(): Promise<Lane> {
    if (this.freeWorkers > 0) {
      this.freeWorkers--;
      return Promise.resolve('worker');
    }
    if (this.mainFree) {
      this.mainFree = false;
      return Promise.resolve('main');
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(lane: Lane): void {
    const next = this.waiting.shift();
    if (next) next(lane);
    else if (lane === 'worker') this.freeWorkers++;
    else this.mainFree = true;
  }
}

export type Lane = 'main' | 'worker';
