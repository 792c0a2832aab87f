"""Converting an archive beyond one machine: the batch's per-file work on a Dask cluster.

`convert_document` is pure, and one input's whole job (read, decode, convert, write atomically,
say what happened) is `cli.one_input.run_one`; here a `dask.bag` of input paths maps that job over
a cluster's workers. Each worker writes its outputs itself (atomically, under `output_dir`, as
`--output-dir` does), so the paths must name storage every worker sees (a shared or network
filesystem); what comes back is one small record per input, never the Markdown. Failures are
records too, never exceptions. Needs the `dask` extra: `pip install 'md-convert[dask]'`.

    from distributed import Client
    from md_convert.cluster import convert_on_cluster

    records = convert_on_cluster(["posts/"], "markdown/", client=Client("tcp://scheduler:8786"))
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from md_convert.cli.files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from md_convert.cli.inputs import discovered_tasks
from md_convert.cli.one_input import Plan, Task, run_one
from md_convert.cli.outcomes import record
from md_convert.options import DEFAULT_OPTIONS, ConvertOptions

TASKS_PER_PARTITION = 64
"""Inputs a worker takes at once: enough to outweigh scheduling, few enough to spread a small archive."""


def convert_on_cluster(
    inputs: Sequence[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    *,
    client: Any = None,
    options: ConvertOptions = DEFAULT_OPTIONS,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
) -> list[dict[str, Any]]:
    """Convert the posts under `inputs` (files and directories, as on the command line) into
    `output_dir`, mirroring each directory's tree; one record per input, in input order.

    `client` is a `distributed.Client` (a local or a remote cluster); None runs on Dask's default
    scheduler in this process.
    """
    import dask.bag  # the optional extra: imported only when an archive goes to a cluster

    bag: Any = dask.bag  # dask's collections carry no type annotations

    tasks = discovered_tasks([str(name) for name in inputs], include, exclude)
    if not tasks:
        return []
    plan = Plan(options=options, output_dir=Path(output_dir))
    work = bag.from_sequence(tasks, partition_size=TASKS_PER_PARTITION).map(_record, plan=plan)
    records: list[dict[str, Any]] = work.compute() if client is None else client.compute(work).result()
    return records


def _record(task: Task, plan: Plan) -> dict[str, object]:
    """One input converted where it runs, as the JSON report's record of it."""
    return record(run_one(task, plan))
