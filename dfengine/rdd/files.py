"""`sc.addFile` / `sc.addArchive` and `SparkFiles`: files shipped to every task.

Locally (the embedded cluster shares this process) a file is copied, and an archive unpacked,
into one root directory per process (`SparkFiles.getRootDirectory()`), so a task opens
`SparkFiles.get(name)` as in Spark. On a remote cluster the file is also uploaded with Dask's
`upload_file` into each worker's local directory (archives are unpacked there), which is that
worker's root directory.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from typing import Any

from dfengine.errors import PySparkRuntimeError

_ARCHIVES = (".zip", ".jar", ".tar", ".tar.gz", ".tgz")


class SparkFiles:
    """Resolves paths of files added through `SparkContext.addFile` / `addArchive`."""

    _root_directory: str | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        raise NotImplementedError("Do not construct SparkFiles objects")

    @classmethod
    def get(cls, filename: str) -> str:
        """The absolute path of a file (or unpacked archive) added by its name."""
        return os.path.join(cls.getRootDirectory(), filename)

    @classmethod
    def getRootDirectory(cls) -> str:
        """The directory holding the added files: this process's one, else (on a remote
        Dask worker) the worker's local directory where `upload_file` puts them."""
        if cls._root_directory is not None:
            return cls._root_directory
        try:
            from distributed import get_worker

            return get_worker().local_directory
        except (ImportError, ValueError):
            return cls._local_root()

    @classmethod
    def _local_root(cls) -> str:
        with cls._lock:
            if cls._root_directory is None:
                cls._root_directory = tempfile.mkdtemp(prefix="dfengine-userFiles-")
            return cls._root_directory


def _uri(path: str) -> str:
    return "file:" + os.path.abspath(os.path.expanduser(path.removeprefix("file:")))


def _local_path(path: str) -> str:
    local = os.path.abspath(os.path.expanduser(path.removeprefix("file://").removeprefix("file:")))
    if not os.path.exists(local):
        raise PySparkRuntimeError(
            f"File {path} does not exist; addFile/addArchive need an existing local path.",
            "FILE_NOT_FOUND")
    return local


def _unpack(archive: str, dest: str) -> None:
    fmt = "zip" if archive.endswith((".zip", ".jar")) else None
    shutil.unpack_archive(archive, dest, format=fmt)


def _unpack_on_worker(name: str, dask_worker: Any = None) -> None:
    root = dask_worker.local_directory
    _unpack(os.path.join(root, name), os.path.join(root, name + ".unpacked"))
    os.replace(os.path.join(root, name + ".unpacked"), os.path.join(root, name))


class FilesMixin:
    """The SparkContext methods shipping files to tasks."""

    def _added(self, kind: str) -> dict[str, str]:
        registry = self.__dict__.setdefault(f"_added_{kind}", {})
        return registry

    def _register(self, kind: str, path: str) -> str | None:
        """The local path to ship, or None when this path was added already."""
        local = _local_path(path)
        name = os.path.basename(local.rstrip(os.sep))
        added = self._added(kind)
        uri = _uri(local)
        if added.get(name) == uri:
            return None  # Spark ignores a second addition of the same path
        if name in added:
            raise PySparkRuntimeError(
                f"{kind.rstrip('s').capitalize()} {name} was already registered with a "
                f"different path (old path = {added[name]}, new path = {uri}); give the "
                "new one another name.", "FILE_ALREADY_REGISTERED")
        added[name] = uri
        return local

    def addFile(self, path: str, recursive: bool = False) -> None:
        """Ship a file (or, with `recursive`, a directory) to every task: tasks open it as
        `SparkFiles.get(os.path.basename(path))`. Adding the same path again is ignored."""
        local = self._register("files", path)
        if local is None:
            return
        if os.path.isdir(local) and not recursive:
            raise PySparkRuntimeError(
                f"Added file {path} is a directory and recursive is not turned on; call "
                "sc.addFile(path, recursive=True).", "FILE_IS_DIRECTORY")
        dest = os.path.join(SparkFiles._local_root(), os.path.basename(local.rstrip(os.sep)))
        if os.path.isdir(local):
            shutil.copytree(local, dest, dirs_exist_ok=True)
        else:
            shutil.copyfile(local, dest)
        if not self._runtime.is_local and os.path.isfile(local):
            self._runtime.client.upload_file(local, load=False)

    def addArchive(self, path: str) -> None:
        """Ship an archive (.zip, .jar, .tar, .tar.gz, .tgz) unpacked: tasks see a directory
        `SparkFiles.get(os.path.basename(path))`. Adding the same path again is ignored."""
        if not str(path).endswith(_ARCHIVES):
            raise PySparkRuntimeError(
                f"Cannot unpack {path}: addArchive takes .zip, .jar, .tar, .tar.gz or .tgz "
                "files; ship other files with sc.addFile.", "UNSUPPORTED_ARCHIVE")
        local = self._register("archives", path)
        if local is None:
            return
        name = os.path.basename(local)
        _unpack(local, os.path.join(SparkFiles._local_root(), name))
        if not self._runtime.is_local:
            client = self._runtime.client
            client.upload_file(local, load=False)
            client.run(_unpack_on_worker, name)

    @property
    def listFiles(self) -> list[str]:
        """The paths added with `addFile`, as `file:` URIs."""
        return list(self._added("files").values())

    @property
    def listArchives(self) -> list[str]:
        """The paths added with `addArchive`, as `file:` URIs."""
        return list(self._added("archives").values())
