"""What the tracer says about a call besides its result: the program line that made it, the
kernel's view of the socket right after it, and the loopback guard. Each is cheap on purpose:
lines, file kinds and addresses are cached (with their JSON), the kernel is asked with one
getsockopt and an ioctl only where that cannot prove a queue empty."""

from __future__ import annotations

import json
import linecache
import os
import socket as _socket_module
import sys
import sysconfig

_RealSocket = _socket_module.socket
_HERE = os.path.dirname(os.path.abspath(__file__))
_LIBRARY = tuple(
    {os.path.abspath(p) + os.sep for k, p in sysconfig.get_paths().items() if k in ("stdlib", "platstdlib", "purelib", "platlib")}
)
ALLOW_NETWORK = os.environ.get("SOCKET_LAB_ALLOW_NETWORK") == "1"
_dumps = json.JSONEncoder(separators=(",", ":")).encode

_files: dict = {}


def _kind(filename: str) -> int:
    """0: the program's own file; 1: the standard library's (or an installed package's); 2: the tracer's. Cached per file."""
    kind = _files.get(filename)
    if kind is None:
        path = os.path.abspath(filename)
        kind = 2 if path.startswith(_HERE + os.sep) else 1 if filename.startswith("<") or path.startswith(_LIBRARY) else 0
        _files[filename] = kind
    return kind


#: Per call site, (id of the program's code, its instruction offset, and the same two of the library
#: frame that made the call for it, or 0, 0): its `where` dict, that dict as JSON, and the two code
#: objects (kept, so their ids are not reused while the entry lives). Keyed by offset, not line:
#: a frame's f_lineno walks its code's line table, and a code object hashes all its constants,
#: each costing more than the socket call in a busy loop; ids and offsets are read as they are.
_sites: dict = {}
_SITES_MAX = 20000
_NOWHERE = (None, "null")


def find(frame):
    """The innermost frame in the program's own files, and the library frame that made the call for it."""
    via = None
    files = _files
    while frame is not None:
        code = frame.f_code
        kind = files.get(code.co_filename)
        if kind is None:
            kind = _kind(code.co_filename)
        if kind == 0:
            key = (id(code), frame.f_lasti, 0, 0) if via is None else (id(code), frame.f_lasti, id(via.f_code), via.f_lasti)
            found = _sites.get(key)
            if found is None:
                described = _describe(code.co_filename, frame.f_lineno, via)
                found = (described, _dumps(described), code, via and via.f_code)
                if len(_sites) < _SITES_MAX:
                    _sites[key] = found
            return found
        if via is None and kind == 1:
            via = frame
        frame = frame.f_back
    return _NOWHERE


def where() -> dict | None:
    return find(sys._getframe(1))[0]


def where_json() -> str:
    """where(), as JSON (records are written as text put together, not encoded dicts: it is faster)."""
    return find(sys._getframe(1))[1]


def _describe(filename: str, line: int, via) -> dict:
    found = {"file": filename, "line": line, "code": linecache.getline(filename, line).strip()}
    if via is not None:
        found["via"] = {"file": via.f_code.co_filename, "line": via.f_lineno, "function": via.f_code.co_name}
    return found


def address(addr) -> list | None:
    if isinstance(addr, tuple) and len(addr) >= 2:
        return [str(addr[0]), int(addr[1])]
    return None


_addresses: dict = {}


def address_json(addr: list | None) -> str:
    """An address() as JSON, cached (a program talks to few addresses)."""
    if addr is None:
        return "null"
    key = (addr[0], addr[1])
    found = _addresses.get(key)
    if found is None:
        found = _dumps(addr)
        if len(_addresses) < 4096:
            _addresses[key] = found
    return found


def error(exc: BaseException) -> dict:
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
_ioctl = fcntl.ioctl if fcntl is not None else None
_getsockopt = _RealSocket.getsockopt
_ORDER = sys.byteorder


_INFO_LEN = 152
_ZERO32 = b"\0\0\0\0"


def kernel_view(sock):
    """The kernel's view of a TCP socket right after the call: (state, its number as the kernel
    numbers it, recvQueue, sendQueue), or None where it cannot be read.

    The state is TCP_INFO's. The queues are the ioctls behind /proc/net/tcp's rx_queue (FIONREAD)
    and tx_queue (TIOCOUTQ), each asked only when TCP_INFO cannot prove it empty: nothing waits to
    be sent when no segment is unacknowledged and nothing is unsent; nothing waits to be read when
    the bytes the connection received equal those the program's traced reads took (a read the tracer
    did not see can only make that count smaller, never hide bytes, and the ioctl then sets it right)."""
    if _TCP_INFO is None or _ioctl is None:
        return None
    try:
        info = _getsockopt(sock, 6, _TCP_INFO, _INFO_LEN)
        number = info[0]
        state = _TCP_STATES[number] if number < len(_TCP_STATES) else None
        if state is None:
            return None
        if state == "LISTEN":
            # As /proc/net/tcp shows a listener: connections waiting for accept(), and the backlog.
            return state, number, int.from_bytes(info[24:28], _ORDER), int.from_bytes(info[28:32], _ORDER)
        fd = sock.fileno()
        if len(info) >= 148:
            received = int.from_bytes(info[128:136], _ORDER)
            recv_queue = received - sock._sl_read
            if recv_queue != 0:
                recv_queue = _queue(fd, _FIONREAD)
                sock._sl_read = received - recv_queue
            send_queue = 0 if info[24:28] == _ZERO32 and info[144:148] == _ZERO32 else _queue(fd, _TIOCOUTQ)
        else:  # a kernel older than 4.6: ask both
            recv_queue, send_queue = _queue(fd, _FIONREAD), _queue(fd, _TIOCOUTQ)
        return state, number, recv_queue, send_queue
    except (OSError, ValueError):
        return None


def kernel_json(view) -> str:
    """A kernel_view() as a record's `"kernel"` field (or "" for None)."""
    if view is None:
        return ""
    return f',"kernel":{{"state":"{view[0]}","recvQueue":{view[2]},"sendQueue":{view[3]}}}'


def kernel(sock) -> str:
    """kernel_view(), as a record's `"kernel"` field (or "")."""
    return kernel_json(kernel_view(sock))


def read_so_far(sock) -> int:
    """Bytes a socket the tracer did not create (accepted, dup'd, from an fd) had already had read."""
    if _TCP_INFO is None or _ioctl is None:
        return 0
    try:
        info = _getsockopt(sock, 6, _TCP_INFO, _INFO_LEN)
        if len(info) < 148 or _TCP_STATES[info[0]] == "LISTEN":
            return 0
        return int.from_bytes(info[128:136], _ORDER) - _queue(sock.fileno(), _FIONREAD)
    except (OSError, ValueError, IndexError):
        return 0


def waiting(fd: int) -> int:
    """Bytes in the kernel for a read (FIONREAD: a stream's unread bytes, the next datagram's size;
    for a listener, 0): what a held call would find."""
    try:
        return _queue(fd, _FIONREAD) if _ioctl is not None else 0
    except OSError:
        return 0


def _queue(fd: int, request: int) -> int:
    buf = bytearray(4)
    _ioctl(fd, request, buf)
    return int.from_bytes(buf, _ORDER)


def _loopback(host) -> bool:
    h = str(host).strip().lower()
    return h == "localhost" or h.startswith("127.") or h in ("::1", "0:0:0:0:0:0:0:1") or h.startswith("::ffff:127.")


def guard(op: str, addr) -> None:
    """Traced programs reach only this machine (SPEC), unless `lab run --allow-network`."""
    if ALLOW_NETWORK or not isinstance(addr, tuple) or not addr:
        return
    host = addr[0]
    if not _loopback(host):
        where_to = "every interface" if host in ("", "0.0.0.0", "::") else repr(host)
        raise PermissionError(
            f"Socket Lab refused {op}() to {where_to}: traced programs use loopback only (127.0.0.1, ::1 or localhost). "
            "Use '127.0.0.1', or run it with `pnpm lab run --allow-network` from a terminal."
        )
