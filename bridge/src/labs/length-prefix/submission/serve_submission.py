#!/usr/bin/env python3
# Runs a student's buffered_server.py as seed 004's autograder does: imported from its folder,
# BufferedTCPEchoServer(host, port, buffer_size), start() in a daemon thread, and keep_running set
# to False when the grader says "stop" on stdin. Prints "started" once start() is running, and
# "start() ended" on stderr once it returned or raised (after its traceback, on the same stream, so
# the grader knows the traceback it has is the whole story).
# usage: serve_submission.py FOLDER PORT BUFFER_SIZE

import sys
import threading

folder, port, buffer_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, folder)
from buffered_server import BufferedTCPEchoServer  # noqa: E402  (the student's file)

server = BufferedTCPEchoServer('127.0.0.1', port, buffer_size)


def start():
    try:
        server.start()
    except BaseException:
        # Printed as an uncaught exception in a thread prints it (through the tracer's clean hook).
        sys.excepthook(*sys.exc_info())
    print('start() ended', file=sys.stderr, flush=True)


thread = threading.Thread(target=start, daemon=True)
thread.start()
print('started', flush=True)
for line in sys.stdin:
    if line.strip() == 'stop':
        server.keep_running = False
        print('keep_running = False', flush=True)
server.shutdown()
