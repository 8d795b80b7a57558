"""Socket Lab's tracer: records every socket call of this Python process, after CPython made it.

Loaded by ``sitecustomize`` (this folder first on PYTHONPATH) when the environment names the
bridge's channel in SOCKET_LAB_TRACE. ``socket.socket`` becomes a subclass of the real class whose
methods call the real method first, then write one JSON line saying what it returned or raised
(the same exception object is re-raised). Nothing else changes: no extra reads, no changed
timeouts, no buffering of the program's data. The channel is a Unix socket of the tracer's own,
written with ``os.write``, so it never shows among the program's TCP/UDP sockets.
"""

from __future__ import annotations

import json
import linecache
import os
import socket as _socket_module
import sys
import sysconfig
import threading
import time

_RealSocket = _socket_module.socket
_INET = (_socket_module.AF_INET, getattr(_socket_module, "AF_INET6", -1))
_HERE = os.path.dirname(os.path.abspath(__file__))
_LIBRARY = tuple(
    {os.path.abspath(p) + os.sep for k, p in sysconfig.get_paths().items() if k in ("stdlib", "platstdlib", "purelib", "platlib")}
)
#: Bytes of each call's payload written in full; longer payloads are cut, with their size kept.
PREVIEW = int(os.environ.get("SOCKET_LAB_TRACE_BYTES", "65536"))
ALLOW_NETWORK = os.environ.get("SOCKET_LAB_ALLOW_NETWORK") == "1"

_lock = threading.Lock()
_channel: int | None = None
_channel_socket = None


def _open_channel() -> None:
    """Connects this process to the bridge (again, after a fork: a child must not share its parent's stream)."""
    global _channel, _channel_socket
    path = os.environ.get("SOCKET_LAB_TRACE")
    if not path:
        return
    s = _socket_module._socket.socket(_socket_module.AF_UNIX, _socket_module.SOCK_STREAM)
    s.connect(path)
    _channel_socket, _channel = s, s.fileno()
    _write({"k": "hello", "ppid": os.getppid(), "argv": sys.argv, "python": sys.version.split()[0], "executable": sys.executable})
    # The bridge answers every connection with the step mode: known before the first call.
    _drain(True)


def _after_fork_in_child() -> None:
    global _channel, _channel_socket, _lock, _inbox_lock, _gate_lock, _inbox, _grants
    # Another thread may have held a lock at the fork; the child has only this thread.
    _lock, _inbox_lock, _gate_lock = threading.Lock(), threading.Lock(), threading.Lock()
    _inbox, _grants = b"", 0
    if _channel_socket is not None:
        _channel_socket.close()
    _channel, _channel_socket = None, None
    _open_channel()


def _write(record: dict) -> None:
    if _channel is None:
        return
    record["pid"] = os.getpid()
    record["thread"] = threading.current_thread().name
    record["ns"] = time.monotonic_ns()
    line = (json.dumps(record, separators=(",", ":")) + "\n").encode()
    with _lock:
        view = memoryview(line)
        while view:
            view = view[os.write(_channel, view):]


# -- step mode -------------------------------------------------------------------------------
# The bridge writes {"k":"mode","step":true|false} when step mode changes and {"k":"go"} to let a
# held call go. Calls that move bytes or connections wait at the gate, before the syscall.

_stepping = False
_grants = 0
#: The bridge's messages are looked for at most this often (a call is a syscall cheaper without it);
#: a Pause takes effect within this time, and a process learns the mode when it connects anyway.
_POLL_S = 0.02
_next_poll = 0.0
_inbox = b""
_inbox_lock = threading.Lock()
_gate_lock = threading.Lock()


def _drain(block: bool) -> None:
    """Reads what the bridge sent: at once (a call checking for step mode), or waiting for it."""
    global _inbox, _stepping, _grants
    if _channel_socket is None:
        return
    with _inbox_lock:
        while True:
            try:
                chunk = _channel_socket.recv(4096, 0 if block else _socket_module.MSG_DONTWAIT)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                chunk = b""
            if not chunk:
                # The bridge went away: nothing will step the program any more.
                _stepping = False
                return
            _inbox += chunk
            while b"\n" in _inbox:
                line, _inbox = _inbox.split(b"\n", 1)
                message = json.loads(line)
                if message.get("k") == "mode":
                    _stepping = bool(message.get("step"))
                elif message.get("k") == "go":
                    _grants += 1
            if block:
                return


def _gate(sock, op: str, arg=None) -> None:
    """In step mode, waits before the call until the bridge says go (Step, or Run)."""
    global _grants, _next_poll
    if _channel_socket is None or not getattr(sock, "_sl_traced", False):
        return
    now = time.monotonic()
    if not _stepping and now < _next_poll:
        return
    _next_poll = now + _POLL_S
    if not _gate_lock.locked():
        _drain(False)
    if not _stepping:
        return
    with _gate_lock:
        _write({"k": "hold", "op": op, "fd": sock.fileno(), "arg": arg, "where": _where()})
        while _stepping and _grants == 0:
            _drain(True)
        if _grants > 0:
            _grants -= 1


_files: dict = {}


def _kind(filename: str) -> int:
    """0: the program's own file; 1: the standard library's (or an installed package's); 2: the tracer's. Cached per file."""
    kind = _files.get(filename)
    if kind is None:
        path = os.path.abspath(filename)
        kind = 2 if path.startswith(_HERE + os.sep) else 1 if filename.startswith("<") or path.startswith(_LIBRARY) else 0
        _files[filename] = kind
    return kind


def _where() -> dict | None:
    """The innermost frame in the program's own files, and the library frame that made the call for it."""
    frame = sys._getframe(1)
    via = None
    while frame is not None:
        code = frame.f_code
        kind = _kind(code.co_filename)
        if kind == 0:
            where = {"file": code.co_filename, "line": frame.f_lineno, "code": linecache.getline(code.co_filename, frame.f_lineno).strip()}
            if via is not None:
                where["via"] = via
            return where
        if via is None and kind == 1:
            via = {"file": code.co_filename, "line": frame.f_lineno, "function": code.co_name}
        frame = frame.f_back
    return None


def _address(addr) -> list | None:
    if isinstance(addr, tuple) and len(addr) >= 2:
        return [str(addr[0]), int(addr[1])]
    return None


def _error(exc: BaseException) -> dict:
    err = {"name": type(exc).__name__, "message": str(exc)}
    if isinstance(exc, OSError) and exc.errno is not None:
        err["errno"] = exc.errno
    return err


_TCP_STATES = (None, "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE",
               "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV")
_TCP_INFO = getattr(_socket_module, "TCP_INFO", None)
try:
    import fcntl
    import termios

    _FIONREAD = termios.FIONREAD
    _TIOCOUTQ = getattr(termios, "TIOCOUTQ", 0x5411)
except ImportError:  # not Linux: no kernel view
    fcntl = None


def _kernel(sock) -> dict | None:
    """The kernel's view of a TCP socket right after the call: its state (TCP_INFO), and the bytes
    in its receive and send queues (the ioctls behind /proc/net/tcp's rx_queue and tx_queue)."""
    if _TCP_INFO is None or fcntl is None:
        return None
    try:
        info = _RealSocket.getsockopt(sock, _socket_module.IPPROTO_TCP, _TCP_INFO, 32)
        state = _TCP_STATES[info[0]] if info[0] < len(_TCP_STATES) else None
        if state is None:
            return None
        if state == "LISTEN":
            # As /proc/net/tcp shows a listener: connections waiting for accept(), and the backlog.
            return {"state": state, "recvQueue": int.from_bytes(info[24:28], sys.byteorder), "sendQueue": int.from_bytes(info[28:32], sys.byteorder)}
        buf = bytearray(4)
        fcntl.ioctl(sock.fileno(), _FIONREAD, buf)
        recv_queue = int.from_bytes(buf, sys.byteorder)
        fcntl.ioctl(sock.fileno(), _TIOCOUTQ, buf)
        send_queue = int.from_bytes(buf, sys.byteorder)
        return {"state": state, "recvQueue": recv_queue, "sendQueue": send_queue}
    except (OSError, ValueError):
        return None


def _loopback(host) -> bool:
    h = str(host).strip().lower()
    return h == "localhost" or h.startswith("127.") or h in ("::1", "0:0:0:0:0:0:0:1") or h.startswith("::ffff:127.")


def _guard(op: str, addr) -> None:
    """Traced programs reach only this machine (SPEC), unless `lab run --allow-network`."""
    if ALLOW_NETWORK or not isinstance(addr, tuple) or not addr:
        return
    host = addr[0]
    if not _loopback(host):
        where = "every interface" if host in ("", "0.0.0.0", "::") else repr(host)
        raise PermissionError(
            f"Socket Lab refused {op}() to {where}: traced programs use loopback only (127.0.0.1, ::1 or localhost). "
            "Use '127.0.0.1', or run it with `pnpm lab run --allow-network` from a terminal."
        )


class socket(_RealSocket):
    """The program's sockets: the real class, with each call recorded after it returns."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        super().__init__(family, type, proto, fileno)
        self._sl_traced = self.family in _INET and _channel is not None
        self._sl_local = None
        self._sl_remote = None
        if self._sl_traced and fileno is None:
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

    def _sl_record(self, op, exc, data=None, arg=None, remote=None, fd=None, **extra) -> None:
        if not self._sl_traced:
            return
        record = {"k": "call", "op": op, "fd": self.fileno() if fd is None else fd, "where": _where(),
                  "local": self._sl_local, "remote": remote if remote is not None else self._sl_remote,
                  "stream": self.type == _socket_module.SOCK_STREAM}
        if data is not None:
            record["size"] = len(data)
            record["hex"] = bytes(data[:PREVIEW]).hex()
        if arg is not None:
            record["arg"] = arg
        if exc is not None:
            record["error"] = _error(exc)
        if record["stream"] and op != "close" and self.fileno() >= 0:
            kernel = _kernel(self)
            if kernel is not None:
                record["kernel"] = kernel
        record.update(extra)
        _write(record)

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
        _gate(self, "accept")
        conn, addr = _RealSocket.accept(self)
        if self._sl_traced:
            conn._sl_addresses()
            conn._sl_record("accept", None, listener=self.fileno())
        return conn, addr

    def connect(self, address):
        if self._sl_traced:
            _guard("connect", address)
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
        _gate(self, "send", len(data))
        fd = self.fileno()
        try:
            n = _RealSocket.send(self, data, *flags)
        except BaseException as exc:
            self._sl_record("send", exc, fd=fd, arg=len(data))
            raise
        self._sl_record("send", None, data=memoryview(data)[:n], fd=fd, arg=len(data))
        return n

    def sendall(self, data, *flags):
        _gate(self, "sendall", len(data))
        return self._sl_call("sendall", _RealSocket.sendall, data, *flags, data_of=lambda _r: memoryview(data))

    def sendto(self, data, *args):
        address = args[-1]
        if self._sl_traced:
            _guard("sendto", address)
        _gate(self, "sendto", len(data))
        fd = self.fileno()
        try:
            n = _RealSocket.sendto(self, data, *args)
        except BaseException as exc:
            self._sl_record("sendto", exc, remote=_address(address), fd=fd)
            raise
        if self._sl_local is None:
            self._sl_addresses()
        self._sl_record("sendto", None, data=memoryview(data)[:n], remote=_address(address), fd=fd)
        return n

    def recv(self, bufsize, *flags):
        _gate(self, "recv", bufsize)
        return self._sl_call("recv", _RealSocket.recv, bufsize, *flags, data_of=lambda r: r, arg=bufsize)

    def recv_into(self, buffer, nbytes=0, *flags):
        _gate(self, "recv_into", nbytes or len(buffer))
        fd = self.fileno()
        try:
            n = _RealSocket.recv_into(self, buffer, nbytes, *flags)
        except BaseException as exc:
            self._sl_record("recv_into", exc, fd=fd, arg=nbytes or len(buffer))
            raise
        self._sl_record("recv_into", None, data=memoryview(buffer)[:n], fd=fd, arg=nbytes or len(buffer))
        return n

    def recvfrom(self, bufsize, *flags):
        _gate(self, "recvfrom", bufsize)
        fd = self.fileno()
        try:
            data, addr = _RealSocket.recvfrom(self, bufsize, *flags)
        except BaseException as exc:
            self._sl_record("recvfrom", exc, fd=fd, arg=bufsize)
            raise
        if self._sl_local is None:
            self._sl_addresses()
        self._sl_record("recvfrom", None, data=data, remote=_address(addr), fd=fd, arg=bufsize)
        return data, addr

    def recvfrom_into(self, buffer, nbytes=0, *flags):
        _gate(self, "recvfrom_into", nbytes or len(buffer))
        fd = self.fileno()
        try:
            n, addr = _RealSocket.recvfrom_into(self, buffer, nbytes, *flags)
        except BaseException as exc:
            self._sl_record("recvfrom_into", exc, fd=fd, arg=nbytes or len(buffer))
            raise
        self._sl_record("recvfrom_into", None, data=memoryview(buffer)[:n], remote=_address(addr), fd=fd, arg=nbytes or len(buffer))
        return n, addr

    def shutdown(self, how):
        return self._sl_call("shutdown", _RealSocket.shutdown, how, arg=int(how))

    def close(self):
        fd = self.fileno()
        was_closed = self._closed
        _RealSocket.close(self)
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
        if isinstance(text, str) and _channel is not None:
            with self._sl_lock:
                lines = (self._sl_pending + text).split("\n")
                self._sl_pending = lines.pop()
            for line in lines:
                _write({"k": "output", "stream": self._sl_name, "text": line})
        return self._sl_stream.write(text)

    def __getattr__(self, name):
        return getattr(self._sl_stream, name)


def install() -> None:
    """Makes every socket the program (and the standard library for it) creates a traced one."""
    if _socket_module.socket is socket:
        return
    _open_channel()
    _socket_module.socket = socket
    os.register_at_fork(after_in_child=_after_fork_in_child)
    if sys.stdout is not None:
        sys.stdout = _Output(sys.stdout, "stdout")
    if sys.stderr is not None:
        sys.stderr = _Output(sys.stderr, "stderr")
