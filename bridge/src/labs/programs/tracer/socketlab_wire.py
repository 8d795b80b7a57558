"""The tracer's wire to the bridge: one Unix socket per process, records written in batches.

A call is recorded by appending its encoded record to an outbox (no syscall, on the program's
thread); a flusher thread writes what is waiting in one ``os.write`` every few milliseconds. Each record carries ``time.monotonic_ns()``, so the bridge puts the batches of
several processes back in order. The flusher is a ``_thread`` thread, not a ``threading.Thread``:
it never shows in the program's ``threading.active_count()`` or ``threading.enumerate()``.
A full outbox is written by the thread that filled it (the program slows down, nothing is lost),
and the outbox is written before the process ends (``atexit``, ``os._exit``) or waits in step mode.
"""

from __future__ import annotations

import _thread
import atexit
import collections
import json
import itertools
import os
import select as _select_module
import socket as _socket_module
import struct
import sys
import threading
import time

#: How often the flusher writes what is waiting; a record reaches the bridge within about this.
FLUSH_S = 0.005
#: Records the outbox holds before the thread adding one writes them itself.
OUTBOX_MAX = 2048

_channel: int | None = None
_channel_socket = None
_outbox: collections.deque = collections.deque()
_flush_lock = threading.Lock()
_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode
_monotonic_ns = monotonic_ns = time.monotonic_ns
_current_thread = threading.current_thread
_pid = os.getpid()
_select = _select_module.select


def connected() -> bool:
    return _channel is not None


def open_channel() -> None:
    """Connects this process to the bridge (again, after a fork: a child must not share its parent's stream)."""
    global _channel, _channel_socket, _pid
    path = os.environ.get("SOCKET_LAB_TRACE")
    if not path:
        return
    _pid = os.getpid()
    s = _socket_module._socket.socket(_socket_module.AF_UNIX, _socket_module.SOCK_STREAM)
    s.connect(path)
    _channel_socket, _channel = s, s.fileno()
    write_now({"k": "hello", "ppid": os.getppid(), "argv": sys.argv, "python": sys.version.split()[0], "executable": sys.executable})
    # The bridge answers every connection with the step mode: known before the first call.
    while not _told:
        chunk = s.recv(4096)
        if not chunk:
            break
        _take(chunk)
    _thread.start_new_thread(_flusher, (s,))


def after_fork_in_child() -> None:
    global _channel, _channel_socket, _flush_lock, _gate_lock, _held, _inbox, _grants, _outbox, _told, _refs, _ref_bytes, _ref_lock, _thread_refs
    # Another thread may have held a lock at the fork; the child has only this thread. The records
    # waiting are the parent's (it writes them); the child's flusher did not survive the fork.
    _flush_lock, _gate_lock, _held = threading.Lock(), threading.Lock(), threading.Condition()
    _inbox, _grants, _outbox, _told = b"", 0, collections.deque(), False
    # The child's connection is new: the bridge knows none of its defs.
    _refs, _ref_bytes, _ref_lock, _thread_refs = {}, 0, threading.Lock(), {}
    if _channel_socket is not None:
        _channel_socket.close()
    _channel, _channel_socket = None, None
    open_channel()


def record(r: dict, payload=None) -> None:
    """Queues one record of the calling thread, encoded now (the flusher only writes), with the
    bytes the call moved (`bytes`, then raw after the line: packages/protocol tracer.ts)."""
    if _channel is None:
        return
    record_head(_encode(r)[:-1], payload)


_threads: dict = {}


def record_head(head: str, payload=None, ns=None) -> None:
    """Queues a call record given as JSON text without its closing brace (socketlab_trace puts it
    together from cached pieces); this adds who and when (`ns`, if the caller has read the clock),
    and the payload's length and bytes."""
    if _channel is None:
        return
    name = _current_thread().name
    thread = _threads.get(name)
    if thread is None:
        thread = _encode(name)
        if len(_threads) < 1024:
            _threads[name] = thread
    tail = f',"pid":{_pid},"thread":{thread},"ns":{_monotonic_ns() if ns is None else ns}'
    if payload is None:
        _outbox.append((head + tail + "}\n").encode())
    else:
        # One item per record: the threads of a program append to the same outbox.
        _outbox.append((head + tail + f',"bytes":{len(payload)}}}\n').encode() + payload)
    if len(_outbox) >= OUTBOX_MAX:
        flush()


# -- the short form (packages/protocol tracer.ts) ----------------------------------------------
# A send, sendall, recv or recv_into that returned goes as a fixed binary head and its payload; its
# line, thread and addresses as ids of `def` lines written once before their first use.

_MOVED = struct.Struct("<BBBBiiIIIqqqIII").pack
MOVED_OPS = {"send": 0, "sendall": 1, "recv": 2, "recv_into": 3}
FLAG_STREAM, FLAG_ARG, FLAG_KERNEL_SKIPPED = 1, 2, 4
#: Bytes of def lines a connection may send (the bridge's MAX_TRACER_DEF_BYTES); past it, JSON records.
MAX_DEF_BYTES = 1024 * 1024
#: Each def'd value's JSON text (a line's `where`, a thread's name, `,"local":…,"remote":…`) → its id.
_refs: dict = {}
_ref_bytes = 0
_ref_lock = threading.Lock()
_next_ref = itertools.count().__next__
#: A thread's name → the id of its def.
_thread_refs: dict = {}


def _ref(text: str, field: str):
    """The id of a def of `text` (JSON) as `field`, written now if new; None once the budget is spent."""
    global _ref_bytes
    with _ref_lock:
        found = _refs.get(text)
        if found is not None:
            return found
        ref = _next_ref()
        line = f'{{"k":"def","id":{ref}{field}{text}}}'.encode()
        if _ref_bytes + len(line) > MAX_DEF_BYTES:
            return None
        _ref_bytes += len(line)
        # Queued before the id is known to other threads: no record can reach the bridge before its def.
        _outbox.append(line + b"\n")
        _refs[text] = ref
        return ref


def record_moved(op: int, flags: int, kernel, fd: int, where: str, ends: str, ns: int, size: int, arg: int, payload) -> bool:
    """Queues a send, sendall, recv or recv_into that returned, in the short form. `kernel` is
    kernel_view()'s tuple or None. False if it cannot go so (a value past what the head holds, the
    def budget spent): the caller writes a JSON record instead."""
    if _channel is None:
        return True
    name = _current_thread().name
    thread = _thread_refs.get(name)
    if thread is None:
        thread = _ref(_encode(name), ',"thread":')
        if thread is None:
            return False
        if len(_thread_refs) < 1024:
            _thread_refs[name] = thread
    w = _refs.get(where)
    if w is None:
        w = _ref(where, ',"where":')
    e = _refs.get(ends)
    if e is None:
        e = _ref(ends, "")
    if w is None or e is None:
        return False
    try:
        if kernel is None:
            head = _MOVED(0, op, flags, 0, fd, _pid, w, thread, e, ns, size, arg, 0, 0, len(payload))
        else:
            head = _MOVED(0, op, flags, kernel[1], fd, _pid, w, thread, e, ns, size, arg, kernel[2], kernel[3], len(payload))
    except struct.error:
        return False
    # Head and payload as one item (threads share the outbox), joined only by the write: the
    # payload is the program's own bytes object, or the copy made of its buffer, never copied here.
    _outbox.append((head, payload))
    if len(_outbox) >= OUTBOX_MAX:
        flush()
    return True


def write_now(r: dict) -> None:
    """Writes this record at once, after everything queued (a hello, a held call)."""
    if _channel is None:
        return
    record(r)
    flush()


def flush() -> None:
    # The channel as it is now: the flusher sets it to None when the bridge goes away.
    channel = _channel
    if channel is None or not _outbox:
        return
    with _flush_lock:
        # deque.append and popleft are atomic: a record added meanwhile goes to this batch or the next.
        parts = []
        add, add_both, take = parts.append, parts.extend, _outbox.popleft
        while _outbox:
            item = take()
            if type(item) is tuple:
                add_both(item)
            else:
                add(item)
        try:
            # One writev per IOV_MAX pieces: the pieces go to the kernel without a join's copy.
            for start in range(0, len(parts), _IOV_MAX):
                _write_all(channel, parts[start:start + _IOV_MAX])
        except OSError:
            pass  # the bridge went away: the program carries on untraced


def _iov_max() -> int:
    try:
        most = os.sysconf("SC_IOV_MAX")
    except (AttributeError, ValueError, OSError):
        most = -1
    # -1: the system sets no limit it will tell; 1024 is Linux's and macOS's.
    return min(most, 1024) if most > 0 else 1024


_IOV_MAX = _iov_max()


def _write_all(channel: int, parts: list) -> None:
    written = os.writev(channel, parts)
    if written == sum(map(len, parts)):
        return
    # A short write (a signal, a full socket buffer on a non-blocking channel): the rest, in order.
    view = memoryview(b"".join(parts))[written:]
    while view:
        view = view[os.write(channel, view):]


def _flusher(own) -> None:
    """Writes what waits every few milliseconds, and reads the bridge's messages as they come.
    Ends when its process's channel is replaced (a forked child opens its own) or the bridge goes."""
    global _channel
    while _channel_socket is own:
        try:
            readable = _select([own], [], [], FLUSH_S)[0]
            chunk = own.recv(4096) if readable else None
        except OSError:
            chunk = b""
        if chunk == b"":
            # The bridge went away: the program carries on untraced, and nothing holds it.
            _channel = None
            _outbox.clear()
            _take(None)
            return
        if chunk:
            _take(chunk)
        if _outbox:
            flush()


_real_exit = os._exit


def _exit(status):
    flush()
    _real_exit(status)


def _flushing(exec_function):
    def run(*args, **kwargs):
        # exec replaces the process: what waits in the outbox goes first.
        flush()
        return exec_function(*args, **kwargs)

    return run


def install_exit_hooks() -> None:
    atexit.register(flush)
    # A forked child often ends with os._exit, which skips atexit.
    os._exit = _exit
    # os.execl, execvp and the rest call one of these two.
    os.execv = _flushing(os.execv)
    os.execve = _flushing(os.execve)


# -- step mode -------------------------------------------------------------------------------
# The bridge writes {"k":"mode","step":true|false} when step mode changes and {"k":"go"} to let a
# held call go. The flusher reads them; calls that move bytes or connections wait at the gate,
# before the syscall, while step mode is on.

_stepping = False
#: Has the bridge said which mode it is in (it does first on every connection)?
_told = False
_grants = 0
_inbox = b""
_gate_lock = threading.Lock()
_held = threading.Condition()


def _take(chunk) -> None:
    """The bridge's messages (None: the bridge is gone, so step mode ends)."""
    global _inbox, _stepping, _grants, _told
    with _held:
        if chunk is None:
            _stepping = False
        else:
            _inbox += chunk
            while b"\n" in _inbox:
                line, _inbox = _inbox.split(b"\n", 1)
                message = json.loads(line)
                if message.get("k") == "mode":
                    _stepping, _told = bool(message.get("step")), True
                elif message.get("k") == "go":
                    _grants += 1
        _held.notify_all()


def gate(op: str, fd: int, arg, where, queued=None) -> None:
    """In step mode, waits before the call until the bridge says go (Step, or Run). `queued` tells
    the bridge what already waits in the kernel for a held read (the bytes stay there meanwhile)."""
    global _grants
    if not _stepping:
        return
    with _gate_lock:
        hold = {"k": "hold", "op": op, "fd": fd, "arg": arg, "where": where()}
        if queued is not None:
            hold["queued"] = queued(fd)
        write_now(hold)
        with _held:
            while _stepping and _grants == 0:
                _held.wait()
            if _grants > 0:
                _grants -= 1
