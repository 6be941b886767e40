"""Prints an nginx configuration: a canned Gemini upstream and a reverse proxy in front of it, both on 127.0.0.1.

Usage: nginx_conf.py PREFIX_DIR UPSTREAM_PORT PROXY_PORT DELAY_SECONDS

The upstream reads every request body in full before it answers (the echo module's echo_read_request_body), as
Google does, so a client never sees an answer while it is still sending. It serves:
  POST /v1beta/models/*:generateContent  a fixed generateContent answer, after DELAY_SECONDS when above 0, but at
                                         once for gemini-3.5-flash-lite (warm-up requests of a delayed run)
  POST /upload/v1beta/files              a resumable upload start: X-Goog-Upload-URL to a session on itself
  POST /upload-session/bench             a chunk: 'active', or 'final' with an ACTIVE file for 'upload, finalize'
The proxy is a plain keep-alive reverse proxy (request buffering on, nginx's default) to the upstream.
"""
import json
import os
import sys

prefix, upstream_port, proxy_port, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])

ANSWER = json.dumps({
    "candidates": [{
        "content": {"role": "model", "parts": [{"text": "A tabby cat lies on a wooden table, looking at the camera."}]},
        "finishReason": "STOP",
        "index": 0,
    }],
    "usageMetadata": {"promptTokenCount": 1290, "candidatesTokenCount": 14, "totalTokenCount": 1304,
                      "promptTokensDetails": [{"modality": "IMAGE", "tokenCount": 1032},
                                              {"modality": "TEXT", "tokenCount": 258}]},
    "modelVersion": "gemini-3.8-flash",
    "responseId": "bench-answer",
}, separators=(",", ":"))

FILE = json.dumps({"file": {
    "name": "files/bench0001",
    "displayName": "bench.png",
    "mimeType": "image/png",
    "sizeBytes": "25000000",
    "createTime": "2026-11-25T00:00:00Z",
    "updateTime": "2026-11-25T00:00:00Z",
    "expirationTime": "2099-01-01T00:00:00Z",
    "sha256Hash": "YmVuY2g=",
    "uri": "http://127.0.0.1:%d/v1beta/files/bench0001" % upstream_port,
    "state": "ACTIVE",
    "source": "UPLOADED",
}}, separators=(",", ":"))

for text in (ANSWER, FILE):
    if "'" in text or "$" in text:
        raise SystemExit("canned bodies must not contain ' or $ (nginx quoting)")

sleep = "echo_sleep %.3f;" % delay if delay > 0 else ""
user = "user root root;" if os.geteuid() == 0 else ""

print(f"""
{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
worker_rlimit_nofile 20000;
events {{
    worker_connections 8192;
}}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size 0;
    # Whole bodies (up to 32 MB) stay in memory: no temp-file writes in the measurement.
    client_body_buffer_size 32m;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
    default_type application/json;

    map $http_x_goog_upload_command $upload_status {{
        ~finalize final;
        default   active;
    }}
    map $http_x_goog_upload_command $upload_answer {{
        ~finalize '{FILE}';
        default   '';
    }}

    upstream gemini_upstream {{
        server 127.0.0.1:{upstream_port};
        keepalive 256;
    }}

    server {{
        listen 127.0.0.1:{upstream_port} backlog=4096;
        location ~ ^/v1beta/models/gemini-3\\.5-flash-lite:generateContent$ {{
            echo_read_request_body;
            echo -n '{ANSWER}';
        }}
        location ~ ^/v1beta/models/[^/]+:generateContent$ {{
            echo_read_request_body;
            {sleep}
            echo -n '{ANSWER}';
        }}
        location = /upload/v1beta/files {{
            echo_read_request_body;
            add_header X-Goog-Upload-URL "http://127.0.0.1:{upstream_port}/upload-session/bench?upload_id=bench" always;
            add_header X-Goog-Upload-Status active always;
            echo -n '';
        }}
        location = /upload-session/bench {{
            echo_read_request_body;
            add_header X-Goog-Upload-Status $upload_status always;
            echo -n $upload_answer;
        }}
        location / {{
            return 404 '{{"error":{{"code":404,"message":"not here","status":"NOT_FOUND"}}}}';
        }}
    }}

    server {{
        listen 127.0.0.1:{proxy_port} backlog=4096;
        location / {{
            proxy_pass http://gemini_upstream;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
}}
""")
