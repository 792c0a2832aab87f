"""md_convert.cluster on a real distributed.LocalCluster (workers on 127.0.0.1): the outputs are
the CLI's, byte for byte, and a bad post is a failed record, not an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from md_convert.cluster import convert_on_cluster

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

POST = "---\ntitle: '{n}'\n---\n\n<p>正文 {n}<strong>加粗</strong></p>\n"


def _tree(root: Path) -> None:
    for n in range(12):
        target = root / f"{n % 3}" / f"post{n}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(POST.format(n=n), encoding="utf-8")
    (root / "0" / "broken.html").write_text("---\ntitle: [x\n---\n<p>x</p>\n", encoding="utf-8")
    (root / "done.md").write_text("# 已是 Markdown\n", encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_local_cluster_writes_what_the_cli_writes(cli, tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    assert cli(str(tmp_path / "in"), "--output-dir", str(tmp_path / "by-cli"), "-q").code == 123  # the broken post
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        records = convert_on_cluster([tmp_path / "in"], tmp_path / "by-dask", client=client)
    assert _files(tmp_path / "by-dask") == _files(tmp_path / "by-cli")
    assert len(records) == 14
    statuses = {Path(r["source"]).name: r["status"] for r in records}
    assert statuses["broken.html"] == "failed" and statuses["done.md"] == "already Markdown"
    assert statuses["post5.html"] == "converted"
    failed = next(r for r in records if r["status"] == "failed")
    assert "invalid YAML in front matter on line 2" in failed["error"]


def test_without_a_client_it_runs_on_the_default_scheduler(tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    records = convert_on_cluster([tmp_path / "in"], tmp_path / "out")
    assert sum(r["status"] == "converted" for r in records) == 12
    assert (tmp_path / "out" / "1" / "post4.md").read_text(encoding="utf-8").endswith("正文 4**加粗**\n")
