"""What the UI's *Materialize all* does, driven in this process: a fresh instance with the project's
settings, the code location loaded as `dagster dev` loads it, the partitions sensor evaluated once (as the
daemon does when the UI starts), then an asset backfill of every asset and every partition (what the button
launches on a graph with partitioned and unpartitioned assets), advanced by the backfill daemon's own
iteration until it is done. Runs are launched in this process (the UI's daemon queues them and launches
each in a subprocess; everything else is the same).

Uses Dagster's internal daemon and workspace modules, pinned with dagster 1.13.27.
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import yaml
from dagster._core.execution.backfill import BulkActionStatus, PartitionBackfill
from dagster._core.remote_origin import InProcessCodeLocationOrigin
from dagster._core.types.loadable_target_origin import LoadableTargetOrigin
from dagster._core.workspace.context import WorkspaceProcessContext
from dagster._core.workspace.load_target import InProcessWorkspaceLoadTarget
from dagster._daemon.backfill import execute_backfill_iteration

ROOT = Path(__file__).resolve().parent.parent
BACKFILL_ID = "materialize_all"
CODE_LOCATION = """from assets.definitions import build_definitions
from assets.resources import PeakwatchStore

store = PeakwatchStore(seeds_dir={seeds!r}, warehouse_path={warehouse!r}, releases_dir={releases!r},
                       sources_file={sources!r})
defs = build_definitions(store)
"""


def fresh_instance(home: Path) -> dg.DagsterInstance:
    """An instance with the settings of dagster_instance.yaml, launching each run synchronously here."""
    home.mkdir(parents=True, exist_ok=True)
    settings = yaml.safe_load((ROOT / "dagster_instance.yaml").read_text(encoding="utf-8"))
    settings.pop("concurrency", None)  # a queue needs the daemon; runs here go one after another anyway
    settings["run_coordinator"] = {
        "module": "dagster._core.run_coordinator",
        "class": "DefaultRunCoordinator",
    }
    settings["run_launcher"] = {
        "module": "dagster._core.launcher.sync_in_memory_run_launcher",
        "class": "SyncInMemoryRunLauncher",
    }
    (home / "dagster.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return dg.DagsterInstance.get()


@contextmanager
def code_location(instance: dg.DagsterInstance, folder: Path, seeds: Path, warehouse: Path, releases: Path):
    """The project's definitions on the given folders, loaded the way the webserver loads a code location."""
    module = folder / "code_location.py"
    module.write_text(
        CODE_LOCATION.format(
            seeds=str(seeds),
            warehouse=str(warehouse),
            releases=str(releases),
            sources=str(seeds / "sources.yaml"),
        ),
        encoding="utf-8",
    )
    origin = InProcessCodeLocationOrigin(
        LoadableTargetOrigin(python_file=str(module), working_directory=str(folder)),
        location_name="peakwatch",
    )
    with WorkspaceProcessContext(instance, InProcessWorkspaceLoadTarget(origin)) as workspace:
        yield workspace


def start_ui_sensors(workspace: WorkspaceProcessContext) -> None:
    """One evaluation of every sensor that runs by default, its partition requests applied: what the
    daemon does in the first seconds of `make ui`."""
    instance = workspace.instance
    location = next(iter(workspace.create_request_context().get_code_location_entries().values()))
    repository = location.code_location.get_repository("__repository__")
    for sensor in repository.get_sensors():
        if sensor.default_status != dg.DefaultSensorStatus.RUNNING:
            continue
        data = location.code_location.get_sensor_execution_data(
            instance, repository.handle, sensor.name, None, None, None, None, None
        )
        for request in data.dynamic_partitions_requests or []:
            if isinstance(request, dg.AddDynamicPartitionsRequest):
                instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
            else:
                for key in request.partition_keys:
                    instance.delete_dynamic_partition(request.partitions_def_name, key)


def materialize_all(workspace: WorkspaceProcessContext, max_iterations: int = 20) -> PartitionBackfill:
    """Launch the backfill of every asset over all partitions and run the backfill daemon until it ends."""
    instance = workspace.instance
    graph = workspace.create_request_context().asset_graph
    backfill = PartitionBackfill.from_asset_partitions(
        backfill_id=BACKFILL_ID,
        asset_graph=graph,
        partition_names=None,
        asset_selection=sorted(graph.materializable_asset_keys),
        backfill_timestamp=time.time(),
        tags={},
        dynamic_partitions_store=instance,
        all_partitions=True,
        title="Materialize all",
        description=None,
        run_config=None,
    )
    instance.add_backfill(backfill)
    logger = logging.getLogger("materialize_all")
    for _ in range(max_iterations):
        list(execute_backfill_iteration(workspace, logger))
        backfill = instance.get_backfill(BACKFILL_ID)
        if backfill.status != BulkActionStatus.REQUESTED:
            break
    return backfill
