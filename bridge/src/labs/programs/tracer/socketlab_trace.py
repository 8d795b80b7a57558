"""Socket Lab's tracer: records every socket call of this Python process, after CPython made it.

Loaded by ``sitecustomize`` (this folder first on PYTHONPATH) when the environment names the
bridge's channel in SOCKET_LAB_TRACE. ``socket.socket`` becomes a subclass of the real class whose
methods call the real method first, then queue one record saying what it returned or raised
(the same exception object is re-raised). Nothing else changes: no extra reads, no changed
timeouts, no buffering of the program's data. Records go to the bridge on a Unix socket of the
tracer's own (socketlab_wire), so it never shows among the program's TCP/UDP sockets.
"""

from __future__ import annotations

import json
import os
import socket as _socket_module
import sys
import threading
import types

import socketlab_calls
import socketlab_wire as wire
from socketlab_facts import find as _find, address as _address, address_json as _address_json, error as _error, guard as _guard, kernel as _kernel, kernel_json as _kernel_json, kernel_view as _kernel_view, read_so_far as _read_so_far, waiting as _waiting, where as _where, where_json as _where_json

_RealSocket = _socket_module.socket
_INET = (_socket_module.AF_INET, getattr(_socket_module, "AF_INET6", -1))
#: Bytes of each call's payload written in full; longer payloads are cut, with their size kept.
PREVIEW = int(os.environ.get("SOCKET_LAB_TRACE_BYTES", "65536"))
_STREAM = _socket_module.SOCK_STREAM
_traced_fds = socketlab_calls.traced_fds
_READS = frozenset(("recv", "recv_into", "recvfrom", "recvfrom_into"))
_NOT_TAKEN = _socket_module.MSG_PEEK | _socket_module.MSG_OOB
_dumps = json.JSONEncoder(separators=(",", ":")).encode
_monotonic_ns = wire.monotonic_ns
_getframe = sys._getframe
#: Kernel reads a socket makes at once before the once-a-millisecond pace starts.
KERNEL_BURST = 64
#: What a call whose kernel view was not read says instead.
_NOT_READ = ',"kernelSkipped":true'
_moved_ops = wire.MOVED_OPS
_wire_stream, _wire_arg, _wire_skipped = wire.FLAG_STREAM, wire.FLAG_ARG, wire.FLAG_KERNEL_SKIPPED


def _octets(buffer):
    """Any buffer (bytes, bytearray, memoryview, array) as the bytes it holds: sizes count bytes, not items."""
    return buffer if type(buffer) is bytes else memoryview(buffer).cast("B")


def _peek(flags) -> bool:
    """A read that leaves the bytes in the kernel (MSG_PEEK) or reads urgent data: not counted as taken."""
    return bool(flags) and bool(flags[0] & _NOT_TAKEN)


def _gate(sock, op: str, arg=None) -> None:
    """Step mode's hold before a call (its callers ask wire._stepping first: a call costs more than that test)."""
    if getattr(sock, "_sl_traced", False):
        wire.gate(op, sock.fileno(), arg, _where, _waiting if op.startswith("recv") else None)


class socket(_RealSocket):
    """The program's sockets: the real class, with each call recorded after it returns."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        super().__init__(family, type, proto, fileno)
        self._sl_traced = self.family in _INET and wire.connected()
        # socket.type is a property that builds an enum: asked once.
        self._sl_stream = self.type == _STREAM
        self._sl_local = None
        self._sl_remote = None
        #: `,"local":…,"remote":…` for this socket's addresses, put together once they are known.
        self._sl_ends = ',"local":null,"remote":null'
        #: Kernel reads this socket may still make at once, and when it last had one (see _kernel_due).
        self._sl_budget = KERNEL_BURST
        self._sl_tick = 0
        #: Bytes the program's traced reads took from this socket (the kernel view's proof of an empty queue).
        self._sl_read = 0
        if self._sl_traced:
            _traced_fds.add(self.fileno())
            if fileno is not None and self._sl_stream:
                self._sl_read = _read_so_far(self)
            if fileno is None:
                self._sl_record("socket", None, family=int(self.family), type=int(self.type))

    # -- recording -------------------------------------------------------------------------

    def _sl_addresses(self) -> None:
        try:
            self._sl_local = _address(_RealSocket.getsockname(self))
        except OSError:
            pass
        try:
            self._sl_remote = _address(_RealSocket.getpeername(self))
        except OSError:
            pass
        self._sl_ends = ',"local":' + _address_json(self._sl_local) + ',"remote":' + _address_json(self._sl_remote)

    def _kernel_due(self, now: int) -> bool:
        """Is this call's kernel view read? Each socket may read it KERNEL_BURST times at once and
        then once a millisecond: a program making a few calls (a lecture's, a student's) gets it at
        every call, a loop of tens of thousands a second pays for a read per millisecond, not per
        call. A call without one carries no `kernel`: it claims nothing (the page says why)."""
        budget = self._sl_budget + (now - self._sl_tick) // 1_000_000
        if budget <= 0:
            return False
        self._sl_budget = (budget if budget <= KERNEL_BURST else KERNEL_BURST) - 1
        self._sl_tick = now
        return True

    def _sl_record(self, op, exc, data=None, arg=None, remote=None, fd=None, peek=False, **extra) -> None:
        if not self._sl_traced:
            return
        stream = self._sl_stream
        # The record as JSON text put together from cached pieces (json.dumps of a dict cost more than the call).
        head = [f'{{"k":"call","op":"{op}","fd":{self.fileno() if fd is None else fd},"stream":{"true" if stream else "false"},"where":',
                _where_json(),
                self._sl_ends if remote is None else ',"local":' + _address_json(self._sl_local) + ',"remote":' + _address_json(remote)]
        payload = None
        if data is not None:
            data = _octets(data)
            n = len(data)
            head.append(f',"size":{n}')
            # A buffer is copied now: the program may change it after the call.
            payload = data[:PREVIEW] if type(data) is bytes else bytes(data[:PREVIEW])
            if stream and not peek and op in _READS:
                self._sl_read += n
        if arg is not None:
            head.append(f',"arg":{int(arg)}')
        if exc is not None:
            head.append(',"error":' + _dumps(_error(exc)))
        # Every call recorded here gets the kernel's view; only _sl_moved's may go without.
        if stream and op != "close" and self.fileno() >= 0:
            head.append(_kernel(self))
        for key, value in extra.items():
            head.append(f',"{key}":' + _dumps(value))
        wire.record_head("".join(head), payload)

    def _sl_moved(self, op, fd, data, arg, peek=False) -> None:
        """_sl_record for a send, sendall, recv or recv_into that returned: the calls a busy program
        makes tens of thousands of times a second, so put together here in one piece (the general
        path's keyword arguments and list cost more than these calls themselves). Same record."""
        if type(data) is not bytes:
            # Its size in bytes (not items), then a copy of what is kept: the program may change it.
            view = memoryview(data).cast("B")
            n = view.nbytes
            data = bytes(view[:PREVIEW])
        else:
            n = len(data)
            if n > PREVIEW:
                data = data[:PREVIEW]
        now = _monotonic_ns()
        stream = self._sl_stream
        flags = _wire_stream if stream else 0
        kernel = None
        if stream:
            if not peek and op in _READS:
                self._sl_read += n
            if not n or self._kernel_due(now):
                kernel = _kernel_view(self)
            else:
                flags |= _wire_skipped
        if arg is not None:
            flags |= _wire_arg
        # The program's line: the caller of the traced method (or, through the library, further out).
        where = _find(_getframe(2))[1]
        if wire.record_moved(_moved_ops[op], flags, kernel, fd, where, self._sl_ends, now, n, arg or 0, data):
            return
        # What the short form cannot hold goes as JSON: the same record.
        asked = "" if arg is None else f',"arg":{arg}'
        told = _NOT_READ if flags & _wire_skipped else _kernel_json(kernel)
        wire.record_head(
            f'{{"k":"call","op":"{op}","fd":{fd},"stream":{"true" if stream else "false"},"where":{where}{self._sl_ends},"size":{n}{asked}{told}',
            data,
            now,
        )

    def _sl_call(self, op, method, *args, data_of=None, arg=None, remote=None):
        fd = self.fileno()
        try:
            result = method(self, *args)
        except BaseException as exc:
            self._sl_record(op, exc, arg=arg, remote=remote, fd=fd)
            raise
        self._sl_record(op, None, data=data_of(result) if data_of else None, arg=arg, remote=remote, fd=fd)
        return result

    # -- the calls ------------------------------------------------------------------------

    def bind(self, address):
        if self._sl_traced:
            _guard("bind", address)
        fd = self.fileno()
        try:
            _RealSocket.bind(self, address)
        except BaseException as exc:
            self._sl_record("bind", exc, remote=None, fd=fd, address=_address(address))
            raise
        self._sl_addresses()
        self._sl_record("bind", None, fd=fd)

    def listen(self, *backlog):
        return self._sl_call("listen", _RealSocket.listen, *backlog, arg=backlog[0] if backlog else None)

    def accept(self):
        if wire._stepping:
            _gate(self, "accept")
        conn, addr = _RealSocket.accept(self)
        if self._sl_traced:
            conn._sl_addresses()
            conn._sl_record("accept", None, listener=self.fileno())
        return conn, addr

    def connect(self, address):
        if self._sl_traced:
            _guard("connect", address)
        if wire._stepping:
            _gate(self, "connect")
        fd = self.fileno()
        try:
            _RealSocket.connect(self, address)
        except BaseException as exc:
            self._sl_addresses()
            self._sl_record("connect", exc, remote=_address(address), fd=fd)
            raise
        self._sl_addresses()
        self._sl_record("connect", None, fd=fd)

    def connect_ex(self, address):
        if self._sl_traced:
            _guard("connect_ex", address)
        result = _RealSocket.connect_ex(self, address)
        self._sl_addresses()
        self._sl_record("connect_ex", None, remote=_address(address), result=result)
        return result

    def send(self, data, *flags):
        if wire._stepping:
            _gate(self, "send", len(data))
        fd = self.fileno()
        try:
            n = _RealSocket.send(self, data, *flags)
        except BaseException as exc:
            self._sl_record("send", exc, fd=fd, arg=len(data))
            raise
        if self._sl_traced:
            self._sl_moved("send", fd, _octets(data)[:n], len(data))
        return n

    def sendall(self, data, *flags):
        if wire._stepping:
            _gate(self, "sendall", len(data))
        fd = self.fileno()
        try:
            _RealSocket.sendall(self, data, *flags)
        except BaseException as exc:
            self._sl_record("sendall", exc, fd=fd)
            raise
        if self._sl_traced:
            self._sl_moved("sendall", fd, data, None)

    def sendto(self, data, *args):
        address = args[-1]
        if self._sl_traced:
            _guard("sendto", address)
        if wire._stepping:
            _gate(self, "sendto", len(data))
        fd = self.fileno()
        try:
            n = _RealSocket.sendto(self, data, *args)
        except BaseException as exc:
            self._sl_record("sendto", exc, remote=_address(address), fd=fd)
            raise
        if self._sl_local is None:
            self._sl_addresses()
        self._sl_record("sendto", None, data=_octets(data)[:n], remote=_address(address), fd=fd)
        return n

    def recv(self, bufsize, *flags):
        if wire._stepping:
            _gate(self, "recv", bufsize)
        fd = self.fileno()
        try:
            data = _RealSocket.recv(self, bufsize, *flags)
        except BaseException as exc:
            self._sl_record("recv", exc, fd=fd, arg=bufsize)
            raise
        if self._sl_traced:
            self._sl_moved("recv", fd, data, int(bufsize), flags and _peek(flags))
        return data

    def recv_into(self, buffer, nbytes=0, *flags):
        if wire._stepping:
            _gate(self, "recv_into", nbytes or len(buffer))
        fd = self.fileno()
        try:
            n = _RealSocket.recv_into(self, buffer, nbytes, *flags)
        except BaseException as exc:
            self._sl_record("recv_into", exc, fd=fd, arg=nbytes or len(buffer))
            raise
        if self._sl_traced:
            self._sl_moved("recv_into", fd, _octets(buffer)[:n], int(nbytes or len(buffer)), flags and _peek(flags))
        return n

    def recvfrom(self, bufsize, *flags):
        if wire._stepping:
            _gate(self, "recvfrom", bufsize)
        fd = self.fileno()
        try:
            data, addr = _RealSocket.recvfrom(self, bufsize, *flags)
        except BaseException as exc:
            self._sl_record("recvfrom", exc, fd=fd, arg=bufsize)
            raise
        if self._sl_local is None:
            self._sl_addresses()
        self._sl_record("recvfrom", None, data=data, remote=_address(addr), fd=fd, arg=bufsize, peek=_peek(flags))
        return data, addr

    def recvfrom_into(self, buffer, nbytes=0, *flags):
        if wire._stepping:
            _gate(self, "recvfrom_into", nbytes or len(buffer))
        fd = self.fileno()
        try:
            n, addr = _RealSocket.recvfrom_into(self, buffer, nbytes, *flags)
        except BaseException as exc:
            self._sl_record("recvfrom_into", exc, fd=fd, arg=nbytes or len(buffer))
            raise
        self._sl_record("recvfrom_into", None, data=_octets(buffer)[:n], remote=_address(addr), fd=fd, arg=nbytes or len(buffer), peek=_peek(flags))
        return n, addr

    def shutdown(self, how):
        return self._sl_call("shutdown", _RealSocket.shutdown, how, arg=int(how))

    def close(self):
        fd = self.fileno()
        was_closed = self._closed
        _RealSocket.close(self)
        _traced_fds.discard(fd)
        if not was_closed and fd >= 0:
            self._sl_record("close", None, fd=fd)

    def settimeout(self, value):
        _RealSocket.settimeout(self, value)
        self._sl_record("settimeout", None, timeout=value)

    def setblocking(self, flag):
        _RealSocket.setblocking(self, flag)
        self._sl_record("setblocking", None, blocking=bool(flag))

    def setsockopt(self, *args):
        fd = self.fileno()
        try:
            _RealSocket.setsockopt(self, *args)
        except BaseException as exc:
            self._sl_record("setsockopt", exc, fd=fd, option=[a if isinstance(a, int) else None for a in args[:3]])
            raise
        self._sl_record("setsockopt", None, fd=fd, option=[a if isinstance(a, int) else None for a in args[:3]])


class _Output:
    """sys.stdout or sys.stderr, unchanged for the program, each complete line also sent to the
    bridge on the trace channel, so the console shows prints in order with the calls."""

    def __init__(self, stream, name: str) -> None:
        self._sl_stream = stream
        self._sl_name = name
        self._sl_pending = ""
        self._sl_lock = threading.Lock()

    def write(self, text):
        # The channel's copy goes first, so the bridge has it before the pipe's (it drops the pipe's).
        if isinstance(text, str) and wire.connected():
            with self._sl_lock:
                lines = (self._sl_pending + text).split("\n")
                self._sl_pending = lines.pop()
            for line in lines:
                wire.record({"k": "output", "stream": self._sl_name, "text": line})
        return self._sl_stream.write(text)

    def __getattr__(self, name):
        return getattr(self._sl_stream, name)


_HERE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _without_tracer(tb):
    """A traceback without the tracer's frames: a program's traceback reads as it would untraced."""
    kept = []
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(_HERE):
            kept.append(tb)
        tb = tb.tb_next
    clean = None
    for t in reversed(kept):
        clean = types.TracebackType(clean, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return clean


def _clean_chain(exc) -> None:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc.__traceback__ = _without_tracer(exc.__traceback__)
        for linked in (exc.__cause__,):
            if linked is not None:
                _clean_chain(linked)
        exc = exc.__context__


def _hooks() -> None:
    """Uncaught exceptions print without the tracer's frames (a socket call that raised went
    through its wrapper), in the main thread and in threads."""
    original = sys.excepthook

    def excepthook(kind, value, tb):
        _clean_chain(value)
        original(kind, value, _without_tracer(tb))

    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = excepthook
    original_thread = threading.excepthook

    def thread_excepthook(args):
        _clean_chain(args.exc_value)
        original_thread(args)

    # threading.__excepthook__ (the default kept aside) is 3.10+; on 3.8 and 3.9 the hook is the default if unchanged since start-up.
    if threading.excepthook is getattr(threading, "__excepthook__", original_thread):
        threading.excepthook = thread_excepthook


def install() -> None:
    """Makes every socket the program (and the standard library for it) creates a traced one."""
    if _socket_module.socket is socket:
        return
    wire.open_channel()
    if not wire.connected():
        return
    _socket_module.socket = socket
    os.register_at_fork(after_in_child=wire.after_fork_in_child)
    wire.install_exit_hooks()
    socketlab_calls.install()
    _hooks()
    if sys.stdout is not None:
        sys.stdout = _Output(sys.stdout, "stdout")
    if sys.stderr is not None:
        sys.stderr = _Output(sys.stderr, "stderr")
