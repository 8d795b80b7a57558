# A student program whose connects are refused, in a thread and in the main thread: both tracebacks print.
import socket, threading
def worker():
    s = socket.socket(); s.connect(('127.0.0.1', 1))
t = threading.Thread(target=worker); t.start(); t.join()
s = socket.socket(); s.connect(('127.0.0.1', 1))
