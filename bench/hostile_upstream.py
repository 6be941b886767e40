"""A canned Gemini upstream for bench/hostile.sh, on 127.0.0.1 only.

Usage: hostile_upstream.py PORT MASK_HEIGHT

  POST /v1beta/models/gemini-3.1-flash-lite:generateContent   a hostile segmentation answer: one box over the whole image
                                                       with a 1 x MASK_HEIGHT PNG mask (the issue's "wide mask")
  POST /v1beta/models/*:generateContent                an ordinary caption answer
  POST /v1beta/models/*:countTokens                    258 tokens
  GET  /v1beta/models                                  the shipped catalog, for the start-up model check
The request body is read in full before answering, as Google does.
"""
import base64
import json
import struct
import sys
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, mask_height = int(sys.argv[1]), int(sys.argv[2])


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


MASK = png(1, mask_height, b"\x00\xff" * mask_height)
SEGMENT = json.dumps([{"box_2d": [0, 0, 1000, 1000], "label": "x",
                       "mask": "data:image/png;base64," + base64.b64encode(MASK).decode()}])
USAGE = {"promptTokenCount": 1290, "candidatesTokenCount": 14, "totalTokenCount": 1304}


def answer(text, model):
    return json.dumps({"candidates": [{"content": {"role": "model", "parts": [{"text": text}]},
                                       "finishReason": "STOP", "index": 0}],
                       "usageMetadata": USAGE, "modelVersion": model, "responseId": "hostile"}).encode()


CAPTION = "A tabby cat lies on a wooden table, looking at the camera."
MODELS = json.dumps({"models": [{"name": "models/" + name, "supportedGenerationMethods": ["generateContent"]}
                                for name in ("gemini-3.8-flash", "gemini-3.5-flash-lite", "gemini-3.1-flash-lite",
                                             "gemini-3.1-pro-preview")]}).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, body, status=200):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.split("?")[0].endswith("/models"):
            self.reply(MODELS)
        else:
            self.reply(b'{"error":{"code":404,"message":"not here","status":"NOT_FOUND"}}', 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        while length > 0:
            length -= len(self.rfile.read(min(length, 1 << 20)))
        path = self.path.split("?")[0]
        model = path.rsplit("/", 1)[-1].split(":")[0]
        if path.endswith(":countTokens"):
            self.reply(b'{"totalTokens":258}')
        elif path.endswith(":generateContent"):
            self.reply(answer(SEGMENT if model == "gemini-3.1-flash-lite" else CAPTION, model))
        else:
            self.reply(b'{"error":{"code":404,"message":"not here","status":"NOT_FOUND"}}', 404)


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
