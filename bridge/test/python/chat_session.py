#!/usr/bin/env python3
# Two chat clients written as a student would (raw sockets, a line buffer), talking to the chat
# server on argv[1]; each reply line is printed as "<who> <- <line>". The scenario covers the
# project's commands and its bad input, in order; the test reads the printed lines.

import sys
import time
from socket import socket, AF_INET, SOCK_STREAM

PORT = int(sys.argv[1])


class Client:
    def __init__(self, who):
        self.who = who
        self.sock = socket(AF_INET, SOCK_STREAM)
        self.sock.connect(('127.0.0.1', PORT))
        self.buffer = b''

    def send(self, data):
        self.sock.sendall(data)

    def line(self):
        while b'\n' not in self.buffer:
            data = self.sock.recv(1024)
            if not data:
                return None
            self.buffer += data
        line, self.buffer = self.buffer.split(b'\n', 1)
        text = line.decode()
        print(self.who, '<-', text, flush=True)
        return text


alice = Client('alice')
alice.send(b'\n')                       # an empty username
alice.line()
alice.send(b'alice\n')
alice.line()
bob = Client('bob')
bob.send(b'alice\n')                    # taken
bob.line()
bob.send(b'bo')                         # a name in two sends: one line from two recvs
time.sleep(1.0)                         # long enough that the server's thread reads the first part alone
bob.send(b'b\n')
bob.line()
alice.send(b'/users\n')
alice.line()
alice.send(b'@bob hi there\n')
bob.line()
alice.send(b'@carol are you there?\n')  # offline
alice.line()
alice.send(b'/dance\n')                 # unknown
alice.line()
alice.send(b'\xff\xfe\n')               # not UTF-8
alice.line()
alice.send(b'x' * 5000)                 # over 4 KiB, no newline yet
alice.line()
alice.send(b'x' * 100 + b'\n')          # its end: dropped with it
vanisher = Client('carol')
vanisher.send(b'carol\n')
vanisher.line()
vanisher.send(b'@bob half a li')          # then gone, mid-line
vanisher.sock.close()
alice.send(b'/users\n')
while 'carol' in alice.line():            # until the server has seen carol leave
    time.sleep(0.1)
    alice.send(b'/users\n')
bob.send(b'/bye\n')
bob.line()
print('bob after bye:', bob.line(), flush=True)
alice.send(b'@bob still there?\n')
alice.line()
