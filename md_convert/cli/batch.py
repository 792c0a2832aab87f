"""Run many inputs, in parallel processes, reporting outcomes in input order."""

from __future__ import annotations

import functools
from collections.abc import Callable, Generator, Iterator, Sequence

from md_convert.cli.one_input import Plan, Task, run_one
from md_convert.cli.outcomes import Outcome, Status
from md_convert.pipeline import stages


def run_all(tasks: Sequence[Task], plan: Plan, jobs: int, fail_fast: bool = False) -> Iterator[Outcome]:
    """Yield one Outcome per task, in task order; with fail_fast, stop after the first failure."""
    results = _in_process(tasks, plan) if jobs <= 1 or len(tasks) <= 1 else _in_pool(tasks, plan, jobs)
    for outcome in results:
        yield outcome
        if fail_fast and outcome.status is Status.FAILED:
            results.close()
            return


def _in_process(tasks: Sequence[Task], plan: Plan) -> Generator[Outcome, None, None]:
    for task in tasks:
        yield run_one(task, plan)


def _in_pool(tasks: Sequence[Task], plan: Plan, jobs: int) -> Generator[Outcome, None, None]:
    import gc
    from concurrent.futures import ProcessPoolExecutor  # 15 ms of imports a single post never needs

    # The workers fork from this process: import the conversion here once, not in each worker, and
    # freeze what exists so far out of the collector's reach, or each worker's collections would
    # touch, and so copy, every inherited page (measured: the workers' extra CPU fell from 1.2 s to
    # 0.3 s on 1,000 posts). This process thaws them when the pool is done: `run` may be embedded.
    stages()
    gc.freeze()
    work: Callable[[Task], Outcome] = functools.partial(run_one, plan=plan)
    chunk = max(1, min(8, len(tasks) // (jobs * 8)))  # small chunks: the last one holds up the run
    executor = ProcessPoolExecutor(max_workers=jobs)
    try:
        yield from executor.map(work, tasks, chunksize=chunk)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
