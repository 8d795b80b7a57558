#!/usr/bin/env python3
# Drives a student's buffered_client.py as seed 004's autograder does: imported from its folder,
# BufferedTCPClient(host, port, buffer_size), then one call per line on stdin (JSON), each
# answered by one JSON line on stdout: what the call returned, or what it raised.
# usage: client_submission.py FOLDER PORT BUFFER_SIZE

import hashlib
import json
import sys

folder, port, buffer_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, folder)
from buffered_client import BufferedTCPClient  # noqa: E402  (the student's file)


def answer(value):
    print(json.dumps(value), flush=True)


try:
    client = BufferedTCPClient('127.0.0.1', port, buffer_size)
    answer({'connected': True})
except Exception as e:
    answer({'raised': f'{type(e).__name__}: {e}'})
    sys.exit(0)

for line in sys.stdin:
    call = json.loads(line)
    try:
        if call['op'] == 'send':
            client.send_message(call['text'])
            answer({'returned': None})
        elif call['op'] == 'receive':
            payload, ok = client.receive_message()
            text = payload if isinstance(payload, str) else repr(payload)
            # A long payload is answered by its length, start and digest: output lines are capped.
            answer({'head': text[:40], 'length': len(text), 'sha256': hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest(), 'ok': bool(ok)})
        elif call['op'] == 'shutdown':
            client.shutdown()
            answer({'returned': None})
    except Exception as e:
        answer({'raised': f'{type(e).__name__}: {e}', 'oserror': isinstance(e, OSError)})
