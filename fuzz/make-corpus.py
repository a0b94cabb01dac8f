#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/: the bad inputs of the Qt Test tables
(tst_peerprotocol, tst_peersync badInput, tst_cloudreply classify, tst_config errors,
tst_catalog badFilesChangeNothing) and good examples as a lane sends them. Run it again after
changing it; libFuzzer's own finds are not kept here (CTest fuzzes on a scratch copy)."""
import base64
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")

UUID_MSG = "6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e6f"
UUID_SALE = "0c4b8f43-2a8e-4c7b-9d4f-8f7e1c2b3a41"
UUID_EMP = "0b7e7c1e-5f0a-4d3c-9a51-6c2f0e1d2a3b"
UUID_PROD = "4a1d3b8e-6f2c-5d7e-8a9b-0c1d2e3f4a5b"
UUID_CUST = "7a1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e6f"
T = "2026-11-25T10:00:00.000Z"
NONCE = base64.b64encode(bytes(range(32))).decode()
MAC = base64.b64encode(bytes(range(100, 132))).decode()


def js(o):
    return json.dumps(o, separators=(",", ":")).encode()


def sale(status="completed"):
    sign = -1 if status == "returned" else 1
    p = {
        "transactionId": UUID_SALE, "receiptNumber": "L2-000042", "terminalId": "L2",
        "employeeId": UUID_EMP, "subtotalCents": sign * 240, "discountCents": 0,
        "taxCents": sign * 17, "totalCents": sign * 257, "paidCents": sign * 257,
        "changeCents": 0, "status": status, "createdAt": T, "hlcTime": T, "hlcCounter": 3,
        "lines": [{"lineNo": 1, "productId": UUID_PROD, "sku": "BEER-001", "name": "Lager 0.5l",
                   "quantity": sign * 2, "unitPriceCents": 120, "discountCents": 0,
                   "taxRateBp": 700, "taxCents": sign * 17, "totalCents": sign * 257}],
        "payments": [{"paymentNo": 1, "method": "card", "amountCents": sign * 257,
                      "tenderedCents": sign * 257, "changeCents": 0}],
        "stockChanges": [{"productId": UUID_PROD, "delta": -sign * 2}],
    }
    if status == "returned":
        p["returnOf"] = "9d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    return p


PAYLOADS = {
    "transaction": [sale(), sale("returned"),
                    dict(sale(), totalCents=1), dict(sale(), terminalId="L7"),
                    dict(sale(), transactionId="t-1"), dict(sale(), paidCents="12.00"),
                    dict(sale(), lines=[]), dict(sale(), payments=[{"paymentNo": 1}])],
    "inventory": [
        {"productId": UUID_PROD, "delta": 12, "reason": "receipt"},
        {"productId": UUID_PROD, "delta": 0, "reason": "count"},
        {"productId": UUID_PROD, "delta": 5, "reason": "gift"},
        {"productId": UUID_PROD, "currentStock": 40, "reason": "count", "lastUpdated": T,
         "hlcCounter": 2, "hlcTerminal": "L2", "employeeId": UUID_EMP},
        {"productId": UUID_PROD, "currentStock": 40, "reason": "reconciliation",
         "lastUpdated": T, "hlcCounter": 0, "hlcTerminal": ""},
    ],
    "customer": [
        {"id": UUID_CUST, "name": "Dana", "updatedAt": T},
        {"id": UUID_CUST, "name": "Dana", "phone": "+49 30 1234", "email": "d@example.org",
         "updatedAt": T},
        {"id": UUID_CUST, "updatedAt": T},
    ],
    "employee": [
        {"id": UUID_EMP, "name": "Robin", "role": "cashier",
         "pinHash": "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", "active": True,
         "updatedAt": T},
        {"id": UUID_EMP, "name": "Eve", "role": "manager", "pinHash": "1234", "active": True,
         "updatedAt": T},
    ],
    "inventory.reconciliation.request": [{"runId": UUID_MSG, "note": "x"}],
    "inventory.reconciliation.complete": [{"note": "x"}],
    "held.accepted": [
        {"messageId": UUID_SALE, "origin": "L2", "topic": "transaction", "hlcTime": T,
         "hlcCounter": 0, "reason": "manager", "acceptedBy": UUID_EMP, "acceptedAt": T},
        {"messageId": UUID_SALE, "origin": "L2", "topic": "inventory", "hlcTime": T,
         "hlcCounter": 4, "reason": "clock", "acceptedAt": T},
        {"messageId": UUID_SALE, "origin": "L2", "topic": "customer", "hlcTime": "tomorrow",
         "hlcCounter": 0, "reason": "clock", "acceptedAt": T},
    ],
}
TOPICS = ["transaction", "inventory", "customer", "employee", "inventory.reconciliation.request",
          "inventory.reconciliation.complete", "held.accepted"]


def message(topic, payload, seq=4, **extra):
    m = {"id": UUID_MSG, "fromTerminal": "L2", "topic": topic, "payload": payload,
         "timestamp": T, "seq": seq}
    m.update(extra)
    return m


FRAMES = [
    b'{"id": ', b"[1, 2, 3]", b'"hello"', b"{}",
    b'{"type":"ack","messageId":"6f9619ff-8b86-4011-b42d-00c04fc964ff"}',
    b'{"type":"ack","messageId":"msg-1"}',
    b'{"type":"error","reason":"bad key"}',
    b'{"type":"nope"}', b'{"type":7}',
    b'{"id":"x","payload":{"a":1,"b":[1,2]},"seq":3}',
    b'{ "payload" :\n { "a" : "}" } , "z":1}',
    b'{"note":"{[\\"","payload":{"n":"a\\"}]{","m":{"k":[{}]}},"t":true}',
    b'{"x":{"payload":1},"payload":{"payload":2}}',
    b'{"payload":{"a":1},"payload":{"a":2}}',
    b'{"payload":{"a":1},"p\\u0061yload":{}}',
    b'{"id":"6f9619ff-8b86-4011-b42d-00c04fc964ff","fromTerminal":"L1","topic":"inventory",'
    b'"payload":{},"timestamp":"2024-01-01T10:00:00Z"}',
]
for topic in TOPICS:
    for p in PAYLOADS[topic]:
        FRAMES.append(js(message(topic, p)))
good = message("transaction", sale())
for key, value in [("id", None), ("id", "msg-1"), ("id", 42), ("fromTerminal", None),
                   ("fromTerminal", 9), ("topic", None), ("topic", "pricing"), ("payload", "{}"),
                   ("timestamp", None), ("timestamp", "yesterday"), ("seq", -3), ("seq", 1.5),
                   ("seq", None)]:
    m = dict(good)
    if value is None:
        del m[key]
    else:
        m[key] = value
    FRAMES.append(js(m))

HANDSHAKE = [
    js({"type": "hello", "protocol": 1, "terminalId": "L1", "nonce": NONCE}),
    js({"type": "hello", "protocol": 1, "terminalId": "L2", "nonce": NONCE, "mac": MAC,
        "clock": T, "clockCorrectionMs": -3600000, "clockStratum": 1}),
    js({"type": "hello", "protocol": 1.5, "terminalId": "L1", "nonce": NONCE}),
    js({"type": "hello", "protocol": 1, "terminalId": "L 1", "nonce": NONCE}),
    js({"type": "hello", "protocol": 1, "terminalId": "L1", "nonce": NONCE[:-4]}),
    js({"type": "hello", "protocol": 1, "terminalId": "L1", "nonce": NONCE, "clock": "noon",
        "clockCorrectionMs": 0, "clockStratum": 0}),
    js({"type": "hello", "protocol": 1, "terminalId": "L1", "nonce": NONCE, "clock": T,
        "clockCorrectionMs": 0.5, "clockStratum": 17}),
    js({"type": "auth", "mac": MAC, "vector": {"L1": 5, "L2": 0}, "clock": T,
        "clockCorrectionMs": 12, "clockStratum": 0}),
    js({"type": "auth", "mac": MAC, "vector": {"L1": -1}}),
    js({"type": "auth", "mac": MAC, "vector": {"L 1": 1}}),
    js({"type": "auth", "mac": MAC, "vector": {"L1": 1.5}}),
    js({"type": "auth", "mac": MAC, "vector": "x"}),
    js({"type": "welcome", "vector": {"L1": 9007199254740992, "L2": 3}}),
    js({"type": "welcome", "vector": {}}),
    js({"type": "sync_request", "vector": {"L3": 17}}),
    js({"type": "clock", "clocks": {"L2": -3600000, "L3": 12}}),
    js({"type": "clock", "clocks": {"L2": 1e300}}),
    js({"type": "clock", "clocks": []}),
]

INV_REQUEST = [
    b'{"type":"inventory_request","requestId":"req-123","timestamp":"2024-01-01T10:00:00Z"}',
    js({"type": "inventory_request", "requestId": "run-1/1", "timestamp": T,
        "checksum": "0" * 64, "vector": {"L1": 3}}),
    js({"type": "inventory_request", "requestId": "run-1/2", "timestamp": T,
        "checksum": "ab" * 32, "vector": {}, "buckets": "00" * 8 * 4096}),
    js({"type": "inventory_request", "requestId": "", "timestamp": T}),
]
record = {"productId": UUID_PROD, "currentStock": 40, "reservedStock": 0, "lastUpdated": T,
          "hlcCounter": 2, "hlcTerminal": "L2",
          "baseline": {"currentStock": 38, "lastUpdated": T, "hlcCounter": 1,
                       "hlcTerminal": "L1"}}
INV_RESPONSE = [
    b'{"type":"inventory_response","requestId":"req-123","inventory":[{"productId":"SKU123",'
    b'"currentStock":100,"reservedStock":0,"lastUpdated":"2024-01-01T09:00:00Z"}],'
    b'"timestamp":"2024-01-01T10:00:00Z"}',
    js({"type": "inventory_response", "requestId": "run-1/1", "inventory": [record],
        "timestamp": T, "checksum": "ab" * 32, "vector": {"L2": 7}, "part": 1, "parts": 2,
        "held": "cd" * 32, "coveredBuckets": [0, 1194, 4095]}),
    js({"type": "inventory_response", "requestId": "run-1/1", "inventory": [],
        "timestamp": T, "checksum": "ab" * 32, "vector": {"L2": 7}, "part": 1, "parts": 1,
        "match": True}),
    js({"type": "inventory_response", "requestId": "r", "inventory": [dict(record,
        currentStock=1.5)], "timestamp": T}),
    js({"type": "inventory_response", "requestId": "r", "inventory": [], "timestamp": T,
        "part": 3, "parts": 2}),
    js({"type": "inventory_response", "requestId": "r", "inventory": [], "timestamp": T,
        "coveredBuckets": [4096]}),
]


def reply(status, err, count, date, body):
    return bytes([status >> 8, status & 255, err, count]) + date + b"\n" + body


IDS = ["6f1c2a4e-8d3b-4c5a-9e7f-1a2b3c4d5e6%d" % i for i in range(8)]
DATE = b"Wed, 25 Nov 2026 10:00:07 GMT"


def results(*statuses):
    out = []
    for i, s in enumerate(statuses):
        r = {"messageId": IDS[i], "status": s.split(":")[0]}
        if ":" in s:
            r["reason"] = s.split(":", 1)[1]
        out.append(r)
    return js({"results": out})


CLOUD = [
    reply(200, 0, 2, DATE, results("stored", "stored")),
    reply(200, 0, 3, b"", results("stored", "rejected:bad total", "duplicate")),
    reply(200, 0, 1, b"", results("rejected:" + "r" * 600)),
    reply(200, 0, 2, DATE, results("stored")),
    reply(200, 0, 1, b"", results("stored", "stored")),
    reply(200, 0, 1, b"", results("queued")),
    reply(200, 0, 1, b"", b'{"results":[{"status":"stored"}]}'),
    reply(200, 0, 1, b"", b'{"results":["a"]}'),
    reply(200, 0, 1, b"", b'{"results":{"a":"stored"}}'),
    reply(200, 0, 1, b"", b'[{"messageId":"a","status":"stored"}]'),
    reply(200, 0, 1, b"", b'{"results": ['),
    reply(401, 0, 1, DATE, b'{"error":"invalid service key"}'),
    reply(403, 0, 1, b"", b"forbidden"),
    reply(400, 0, 1, b"", b'{"error":"bad message"}'),
    reply(413, 0, 4, b"", b"payload too large"),
    reply(422, 0, 0, b"", b""),
    reply(500, 0, 2, b"Tue, 1 Jan 2030 00:00:00 +0000", b"<html>upstream error</html>"),
    reply(0, 3, 2, b"", b""),
    reply(0, 5, 2, b"", b""),
    reply(503, 0, 2, b"Wed, 31 Feb 2026 10:00:07 GMT", b"{}"),
]

SETTINGS = [b"\x00" + open(os.path.join(HERE, "..", "resources", "settings.example.json"),
                           "rb").read()]
for f in [b'{"terminalId": ', b"[1,2]", b'{"terminalPort": "8123"}', b'{"terminalPort": 70000}',
          b'{"terminalPort": -1}', b'{"terminalPort": 80.5}', b'{"terminalId": 7}',
          b'{"terminalId": "L 1/x"}', b'{"peerTerminals": "ws://a:1"}',
          b'{"peerTerminals": ["http://a:1"]}', b'{"peerTerminals": [1]}',
          b'{"supabaseUrl": "ftp://x"}', b'{"sqliteSynchronous": "OFF"}',
          b'{"storeKey": "short-secret"}', b'{"bindAddress": "everywhere"}',
          b'{"storeKeyFile": "/nonexistent/key"}', b'{"peerBackoffMaxMs": 5}',
          b'{"storeId": "store one"}', b'{"cloudBatchSize": 501}', b'{"maxRetries": 0}',
          b'{"currency": "eur"}', b'{"currency": "XAU"}', b'{"currency": "KWD"}',
          b'{"supabaseUrl": "https://x.supabase.co", "supabaseServiceKey": "service-key-0123456789",'
          b' "storeKey": "a-long-store-key-0123", "bindAddress": "127.0.0.1", "listenFd": 3,'
          b' "cloudParallelRequests": 8, "reconcileIntervalSeconds": 0, "unknown": 1,'
          b' "dataDir": "/tmp/lane", "terminalPort": null}']:
    SETTINGS.append(b"\x00" + f)
for env in [b"EUPHORIA_TERMINAL_PORT=abc", b"EUPHORIA_CLOUD_INTERVAL_SECONDS=soon",
            b"EUPHORIA_PEER_TERMINALS=nonsense",
            b"EUPHORIA_PEER_TERMINALS=ws://127.0.0.1:9002, wss://lane2.local:8123\n"
            b"terminalId=L2\nEUPHORIA_STORE_KEY=0123456789abcdef-secret\n"
            b"supabaseServiceKey=another-long-secret-key\nsupabaseUrl=https://x.example",
            b"terminalPort= 9001 \nEUPHORIA_SQLITE_SYNCHRONOUS=NORMAL",
            b"EUPHORIA_CURRENCY=JPY\ncurrency=EURO"]:
    SETTINGS.append(b"\x01" + env)

def demo_catalog(n):
    """The demo catalog cut to its first n products: the whole one (200) makes every input
    that keeps it valid an import of 200 products, a few inputs a second."""
    with open(os.path.join(HERE, "..", "resources", "demo-catalog.json"), "rb") as f:
        demo = json.load(f)
    demo["products"] = demo["products"][:n]
    return b"\x00" + json.dumps(demo, indent=1).encode()


HEADER = b"sku,name,category,priceCents,taxRateBp,stock,barcodes\n"
CATALOG = [
    demo_catalog(4),
    b"\x01" + HEADER + b"A,Ok,Beer,100,0,1,4006381333931\nB,Bad,Beer,100,0,1,4006381333932\n",
    b"\x01" + HEADER + b"A,Ok,Beer,1.00,0,1,\n",
    b"\x01" + HEADER + b"A,Ok,Beer,-100,0,1,\n",
    b"\x01" + HEADER + b"A,Ok,Beer,100,20000,1,\n",
    b"\x01" + HEADER + b"A,One,Beer,100,0,1,\nA,Two,Beer,100,0,1,\n",
    b"\x01" + HEADER + b"A,One,Beer,100,0,1,4006381333931\nB,Two,Beer,100,0,1,4006381333931\n",
    b"\x01sku,name\nA,B\n",
    b"\x01" + HEADER + b"A,,Beer,100,0,1,\n",
    b"\x03sku,name,priceCents,taxRateBp\nONLY-1,Only Product,100,0\n",
    b'\x01id,sku,name,priceCents,taxRateBp,barcodes\n' + UUID_PROD.encode() +
    b',"Q,1","A ""quoted"" name\r\nover lines",5,0,4006381333931|0036000291452\r\n',
    b"\x00{nope", b'\x00{"products": [1]}',
    b'\x02' + js({"categories": [{"name": "Fruit"}], "products": [
        {"sku": "A1", "name": "Apple", "category": "Fruit", "priceCents": 120, "taxRateBp": 700,
         "stock": 40, "barcodes": ["4006381333931"], "active": False}],
        "employees": [{"id": UUID_EMP, "name": "Ada", "role": "manager", "pin": "1234"},
                      {"id": UUID_CUST, "name": "Bo", "role": "cashier", "pin": "98765",
                       "discountLimitBp": 500}]}),
    b'\x00' + js({"products": [{"sku": "A1", "name": "Apple", "priceCents": 1e300,
                                "taxRateBp": 0}]}),
    b'\x00' + js({"products": [], "employees": [{"id": "x", "name": "", "role": "boss",
                                                 "pin": "12"}]}),
]

TOPIC_SEEDS = []
for i, topic in enumerate(TOPICS):
    for p in PAYLOADS[topic]:
        TOPIC_SEEDS.append(bytes([i]) + js(p))
        TOPIC_SEEDS.append(bytes([i + len(TOPICS) * 3]) + js(p))  # relayed by L3 with a seq

CORPORA = {
    "fuzz_frame": FRAMES + HANDSHAKE + INV_REQUEST + INV_RESPONSE,
    "fuzz_topic": TOPIC_SEEDS,
    "fuzz_handshake": HANDSHAKE,
    "fuzz_reconcile": INV_REQUEST + INV_RESPONSE,
    "fuzz_cloudreply": CLOUD,
    "fuzz_settings": SETTINGS,
    "fuzz_catalog": CATALOG,
}

for target, seeds in CORPORA.items():
    d = os.path.join(OUT, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for i, seed in enumerate(seeds):
        with open(os.path.join(d, "seed-%03d" % i), "wb") as f:
            f.write(seed)
    print(target, len(seeds))
