"""Commit protocol for file writes: a reader (or a crash) never sees a half-written target.

Every write builds the complete new version of the target directory beside it, in
`.<name>.dfengine-staging-<job>`, then publishes it with one atomic step:

    overwrite   staging = the new files + _SUCCESS
    append      staging = hard links to the target's current files + the new files + _SUCCESS
    dynamic     staging = hard links to the target's partitions the new data does not touch
                + the new files + _SUCCESS (partitionOverwriteMode=dynamic: only the
                partitions present in the new data are replaced, all in one swap)
    publish     renameat2(staging, target, RENAME_EXCHANGE): the two directories swap in one
                system call; the old version now sits at the staging name and is removed after

A process killed at any point leaves the target either exactly as before or exactly as
after (with its `_SUCCESS`): an append's files appear all together or not at all, so a retry
never duplicates rows. Appends hold an exclusive lock on `.<name>.dfengine-lock` while they
link and swap, so two appends to one path on one machine both land.

Leftovers of a crashed writer (staging or old versions beside the target, `._temporary-*`
of RDD text output) are removed at the next write to the same path, once their owner process
is gone. Where RENAME_EXCHANGE is unavailable (not Linux, or a filesystem without it) the swap
falls back to two renames, and a target found missing with a complete old version beside it is
restored first.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import uuid
from collections.abc import Callable, Iterator

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_STAGING = ".dfengine-staging-"
_OLD = ".dfengine-old-"
_OWNER = "_dfengine_owner"


def staging_dir(target: str) -> str:
    """A fresh staging directory beside `target`, tagged with this process's id."""
    target = os.path.abspath(target)
    parent, name = os.path.split(target)
    os.makedirs(parent, exist_ok=True)
    with _lock(target):
        clean_stale(target)
        path = os.path.join(parent, f".{name}{_STAGING}{uuid.uuid4().hex}")
        os.makedirs(path)
        with open(os.path.join(path, _OWNER), "w") as fh:
            fh.write(str(os.getpid()))
    return path


def commit(staging: str, target: str, append: bool, keep_partitions: int = 0) -> None:
    """Publish `staging` as `target` (replacing it, or adding its files when `append`).

    `keep_partitions=N` (N partition columns, dynamic overwrite) keeps every partition
    directory N levels down in `target` that `staging` does not write."""
    target = os.path.abspath(target)
    with _lock(target):
        if append and os.path.isdir(target):
            _link_existing(target, staging)
        elif keep_partitions and os.path.isdir(target):
            _link_untouched_partitions(target, staging, keep_partitions)
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(staging, _OWNER))
        open(os.path.join(staging, "_SUCCESS"), "w").close()
        _fsync_dir(staging)
        _publish(staging, target)


def abort(staging: str) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _publish(staging: str, target: str) -> None:
    if not os.path.lexists(target):
        os.rename(staging, target)
        _fsync_dir(os.path.dirname(target))
        return
    if not os.path.isdir(target) or os.path.islink(target):
        os.remove(target)
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        _fsync_dir(os.path.dirname(target))
        shutil.rmtree(staging, ignore_errors=True)  # now the old version
        return
    parent, name = os.path.split(target)
    old = os.path.join(parent, f".{name}{_OLD}{uuid.uuid4().hex}")
    os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: str, b: str) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    fn = getattr(_libc(), "renameat2", None)
    if fn is None:
        return False
    rc = fn(_AT_FDCWD, a.encode(), _AT_FDCWD, b.encode(), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), b)


_LIBC: list = []


def _libc() -> ctypes.CDLL:
    if not _LIBC:
        _LIBC.append(ctypes.CDLL(None, use_errno=True))
    return _LIBC[0]


def _link_existing(target: str, staging: str) -> None:
    """Hard-link (or copy, across devices) every data file of `target` into `staging`."""
    for dirpath, dirnames, files in os.walk(target):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = os.path.relpath(dirpath, target)
        dest = staging if rel == "." else os.path.join(staging, rel)
        os.makedirs(dest, exist_ok=True)
        for f in files:
            if f == "_SUCCESS" or f.startswith("."):
                continue
            src, dst = os.path.join(dirpath, f), os.path.join(dest, f)
            if os.path.exists(dst):
                continue
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)


def _link_untouched_partitions(target: str, staging: str, depth: int) -> None:
    """Link each `k1=v1/.../kN=vN` directory of `target` missing from `staging` into it."""
    level = [""]
    for _ in range(depth):
        level = [os.path.join(rel, d) for rel in level
                 for d in _partition_dirs(os.path.join(target, rel))]
    for rel in level:
        if not os.path.exists(os.path.join(staging, rel)):
            _link_existing(os.path.join(target, rel), os.path.join(staging, rel))


def _partition_dirs(path: str) -> list[str]:
    try:
        return sorted(d for d in os.listdir(path) if "=" in d and not d.startswith((".", "_"))
                      and os.path.isdir(os.path.join(path, d)))
    except FileNotFoundError:
        return []


def _fsync_dir(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _lock(target: str) -> Iterator[None]:
    parent, name = os.path.split(target)
    path = os.path.join(parent, f".{name}.dfengine-lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# ------------------------------------------------------------------------ stale leftovers


def _owner_alive(path: str) -> bool:
    try:
        with open(os.path.join(path, _OWNER)) as fh:
            pid = int(fh.read().strip() or 0)
    except (OSError, ValueError):
        return False  # published-then-killed old versions carry no owner: always stale
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(target: str, is_stale: Callable[[str], bool] | None = None) -> list[str]:
    """Remove staging/old directories beside `target` left by writers that died; restore a
    target lost between the two renames of the fallback swap. Returns what was removed."""
    target = os.path.abspath(target)
    parent, name = os.path.split(target)
    try:
        entries = os.listdir(parent)
    except FileNotFoundError:
        return []
    removed = []
    prefixes = (f".{name}{_STAGING}", f".{name}{_OLD}", f".{name}._temporary-",
                f"{_STAGING}")
    olds = [e for e in entries if e.startswith(f".{name}{_OLD}")]
    if not os.path.lexists(target) and len(olds) == 1:
        os.rename(os.path.join(parent, olds[0]), target)
        entries.remove(olds[0])
    check = is_stale or (lambda p: not _owner_alive(p))
    for e in entries:
        if not e.startswith(prefixes):
            continue
        p = os.path.join(parent, e)
        if check(p):
            shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) else os.remove(p)
            removed.append(p)
    return removed
