"""The calls around the sockets: `select.select`, `select.poll`, the `selectors` classes (which
sockets the program waited on, and which were ready), `os.fork` (the child's pid) and
`threading.Thread.start` (the new thread's name). Each is the real function, called first; a
record follows with what it returned. Only waits that involve a traced socket are recorded, so the
standard library's own waits on pipes (subprocess) stay out of the lanes."""

from __future__ import annotations

import os
import select as _select_module
import selectors
import sys
import threading
import warnings

import socketlab_wire as wire
from socketlab_facts import error as _error, where as _where

#: fds of the program's traced sockets (socketlab_trace adds and removes them).
traced_fds: set = set()

_POLL_READ = _select_module.POLLIN | _select_module.POLLPRI
_POLL_ERROR = _select_module.POLLERR | _select_module.POLLHUP | _select_module.POLLNVAL


def _fd(obj) -> int:
    try:
        return obj if isinstance(obj, int) else int(obj.fileno())
    except (OSError, ValueError, AttributeError, TypeError):
        return -1


def _fds(objs) -> list:
    return [_fd(o) for o in objs]


def _record(op: str, watched: dict, ready, exc, timeout) -> None:
    if not any(fd in traced_fds for fds in watched.values() for fd in fds):
        return
    r = {"k": "call", "op": op, "fd": -1, "stream": False, "where": _where(), "local": None, "remote": None, "watched": watched}
    if ready is not None:
        r["ready"] = ready
    if exc is not None:
        r["error"] = _error(exc)
    if timeout is not None:
        r["timeout"] = float(timeout)
    wire.record(r)


_real_select = _select_module.select


def select(rlist, wlist, xlist, timeout=None):
    try:
        result = _real_select(rlist, wlist, xlist, timeout)
    except BaseException as exc:
        _record("select", {"read": _fds(rlist), "write": _fds(wlist), "error": _fds(xlist)}, None, exc, timeout)
        raise
    _record("select", {"read": _fds(rlist), "write": _fds(wlist), "error": _fds(xlist)},
            {"read": _fds(result[0]), "write": _fds(result[1]), "error": _fds(result[2])}, None, timeout)
    return result


def _split(pairs, read_mask, write_mask, error_mask) -> dict:
    sets = {"read": [], "write": [], "error": []}
    for fd, mask in pairs:
        if mask & read_mask:
            sets["read"].append(fd)
        if mask & write_mask:
            sets["write"].append(fd)
        if mask & error_mask:
            sets["error"].append(fd)
    return sets


class _Poll:
    """select.poll()'s object, the same calls passed through; poll() is recorded."""

    __slots__ = ("_sl_poll", "_sl_masks")

    def __init__(self, real) -> None:
        self._sl_poll = real
        self._sl_masks = {}

    def register(self, fd, eventmask=_POLL_READ | _select_module.POLLOUT):
        self._sl_poll.register(fd, eventmask)
        self._sl_masks[_fd(fd)] = eventmask

    def modify(self, fd, eventmask):
        self._sl_poll.modify(fd, eventmask)
        self._sl_masks[_fd(fd)] = eventmask

    def unregister(self, fd):
        self._sl_poll.unregister(fd)
        self._sl_masks.pop(_fd(fd), None)

    def poll(self, timeout=None):
        watched = _split(self._sl_masks.items(), _POLL_READ, _select_module.POLLOUT, 0)
        try:
            result = self._sl_poll.poll(timeout)
        except BaseException as exc:
            _record("poll", watched, None, exc, None if timeout is None else timeout / 1000)
            raise
        _record("poll", watched, _split(result, _POLL_READ, _select_module.POLLOUT, _POLL_ERROR), None,
                None if timeout is None else timeout / 1000)
        return result

    def __getattr__(self, name):
        return getattr(self._sl_poll, name)


_real_poll = getattr(_select_module, "poll", None)


def poll():
    return _Poll(_real_poll())


def _selector_select(original):
    def select(self, timeout=None):
        watched = _split(((k.fd, k.events) for k in self.get_map().values()), selectors.EVENT_READ, selectors.EVENT_WRITE, 0)
        try:
            ready = original(self, timeout)
        except BaseException as exc:
            _record("selector", watched, None, exc, timeout)
            raise
        _record("selector", watched, _split(((k.fd, ev) for k, ev in ready), selectors.EVENT_READ, selectors.EVENT_WRITE, 0), None, timeout)
        return ready

    select._sl_original = original
    return select


_real_fork = os.fork
_FORK_WARNING = "is multi-threaded, use of fork()"


def fork():
    """os.fork, and a record in the parent naming the child (the child says hello on its own)."""
    caller = sys._getframe(1)
    try:
        if sys.version_info >= (3, 12):
            # 3.12+ warns about forking with threads, counting the OS's: the tracer's flusher is one.
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                pid = _real_fork()
            if pid != 0:
                _rewarn(caught, caller)
        else:
            pid = _real_fork()
    except BaseException as exc:
        wire.record({"k": "call", "op": "fork", "fd": -1, "stream": False, "where": _where(), "local": None, "remote": None, "error": _error(exc)})
        raise
    if pid != 0:
        wire.record({"k": "call", "op": "fork", "fd": -1, "stream": False, "where": _where(), "local": None, "remote": None, "child": pid})
    return pid


def _rewarn(caught, caller) -> None:
    """Warnings of the fork, as the program would have had them: from its own line, less the one the tracer's thread caused."""
    for w in caught:
        if issubclass(w.category, DeprecationWarning) and _FORK_WARNING in str(w.message) and threading.active_count() == 1:
            continue
        module = caller.f_globals.get("__name__", "<string>")
        registry = caller.f_globals.setdefault("__warningregistry__", {})
        warnings.warn_explicit(w.message, w.category, caller.f_code.co_filename, caller.f_lineno, module, registry)


_real_thread_start = threading.Thread.start


def _thread_start(self):
    _real_thread_start(self)
    wire.record({"k": "call", "op": "thread", "fd": -1, "stream": False, "where": _where(), "local": None, "remote": None, "started": self.name})


def install() -> None:
    _select_module.select = select
    if _real_poll is not None:
        _select_module.poll = poll
    for name in ("SelectSelector", "PollSelector", "EpollSelector", "DevpollSelector", "KqueueSelector"):
        cls = getattr(selectors, name, None)
        if cls is not None and "select" in cls.__dict__ and not hasattr(cls.__dict__["select"], "_sl_original"):
            cls.select = _selector_select(cls.__dict__["select"])
    os.fork = fork
    threading.Thread.start = _thread_start
