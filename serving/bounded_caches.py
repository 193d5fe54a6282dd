"""The in-process and folder back ends of the results cache, bounded without losing what every
cached call needs.

flask-caching's `memoize` keeps one never-expiring version key per function beside its
results; a result is found only while that key is. cachelib's stock back ends, once over their
threshold, delete the entries that expire soonest, and a never-expiring one counts as expiring
at 0: the version keys go first, and with each of them every result of its function (the 151
council panels warmed at start, within a minute of load). The folder back end also read every
file again at each later write, since it deleted only down to its threshold.
"""

from __future__ import annotations

import contextlib
import os
import struct
from collections import OrderedDict

from flask_caching.backends.filesystemcache import FileSystemCache
from flask_caching.backends.simplecache import SimpleCache

__all__ = ["RecentMemoryCache", "SharedFolderCache"]

PRUNED_SHARE = 0.75  # the folder back end, once over its threshold, deletes down to this share


class RecentMemoryCache(SimpleCache):
    """In-process: beyond its threshold, the least recently used entries go first. Version
    keys are read at every cached call, so they stay."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cache = OrderedDict()

    def get(self, key: str):
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
            return super().get(key)

    def set(self, key: str, value, timeout=None):
        with self._lock:
            stored = super().set(key, value, timeout)
            self._cache.move_to_end(key)
            return stored

    def _prune(self) -> None:
        while len(self._cache) >= self._threshold:
            self._cache.popitem(last=False)


class SharedFolderCache(FileSystemCache):
    """A folder shared by a machine's workers: beyond its threshold, the least recently used
    entries go first (a read touches its file), down to `PRUNED_SHARE` of it; never a
    version key."""

    def get(self, key: str):
        value = super().get(key)
        if value is not None:
            with contextlib.suppress(OSError):  # another worker deleted it meanwhile
                os.utime(self._get_filename(key))
        return value

    def _prune(self) -> None:
        if not self._over_threshold():
            return
        used = sorted((used_ns, name) for expires, used_ns, name in self._entry_files() if expires)
        excess = self._file_count - int(self._threshold * PRUNED_SHARE)
        for _, name in used[: max(excess, 0)]:
            with contextlib.suppress(FileNotFoundError):  # another worker deleted it
                os.remove(name)
                self._update_count(delta=-1)

    def _entry_files(self) -> list[tuple[int, int, str]]:
        """(expiry, time last used in ns, path) of each entry file; the expiry is the file's
        first 4 bytes, 0 for never."""
        found = []
        for name in self._list_dir():
            with (
                contextlib.suppress(FileNotFoundError, EOFError, struct.error),
                open(name, "rb") as stream,
            ):
                expires = struct.unpack("I", stream.read(4))[0]
                found.append((expires, os.fstat(stream.fileno()).st_mtime_ns, name))
        return found
