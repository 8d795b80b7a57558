#!/usr/bin/env python3
# Seed 003's client.py, as the lecture writes it (SOCKET_LAB_PORT may move it off 5960).
import os
import socket

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect(('localhost', int(os.environ.get('SOCKET_LAB_PORT', 5960))))

def send(msg):
    encoded = msg.encode('utf-8')
    client.send(encoded)

def wait_for_receive():
    # TODO: use a loop to receive multiple messages
    message = client.recv(2048).decode('utf-8')
    print(f'Received message: {message}')

send('Hello World')
wait_for_receive()
send('Heya! I got your message!')
# or any other messages here

send('/bye')
client.close()
