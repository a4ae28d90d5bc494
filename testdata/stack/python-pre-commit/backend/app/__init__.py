import socketio

sio = socketio.AsyncServer()
