#!/usr/bin/env python3
"""The producer guide's Python example (docs/producers.md): one marketing SendRequest on send-requests.

Avro single-object encoding, as the gateway reads it: C3 01, the CRC-64-AVRO fingerprint of the writer schema's
parsing canonical form (8 bytes, little-endian), then the Avro binary body. The schema is the newest
schema-history/SendRequest/v<N>.avsc of the schemas jar: self-contained, and the gateway knows its fingerprint.

    KAFKA_BOOTSTRAP_SERVERS=localhost:9092 python3 campaign_producer.py SendRequest.avsc \\
        +4915112345678 spring-sale-0001 spring-sale offers offer de

Needs fastavro and confluent-kafka (pip install fastavro confluent-kafka).
"""
import json
import os
import sys
import time
import uuid
from io import BytesIO

from confluent_kafka import Producer
from fastavro import parse_schema, schemaless_writer
from fastavro.schema import fingerprint, to_parsing_canonical_form

TOPIC = "send-requests"
MAGIC = b"\xc3\x01"


def single_object_encoder(schema_file):
    """Returns (encode, fingerprint hex): encode(record) -> bytes in Avro single-object encoding."""
    with open(schema_file, encoding="utf-8") as f:
        schema = parse_schema(json.load(f))
    # fastavro gives the CRC-64-AVRO fingerprint as the hex of its 8 bytes, low byte first, as the spec writes them
    schema_fingerprint = fingerprint(to_parsing_canonical_form(schema), "CRC-64-AVRO")
    prefix = MAGIC + bytes.fromhex(schema_fingerprint)

    def encode(record):
        out = BytesIO()
        out.write(prefix)
        schemaless_writer(out, schema, record)
        return out.getvalue()

    return encode, schema_fingerprint


def send_request(to, request_id, campaign_id, purpose, template, language):
    return {
        "eventId": str(uuid.uuid4()),        # a retry of the same request keeps eventId and requestId
        "occurredAt": int(time.time() * 1000),
        "producer": "campaign-example",
        "requestId": request_id,             # the idempotency key: sent at most once
        "to": to,
        "category": "MARKETING",
        "purpose": purpose,
        "template": {"name": template, "language": language, "components": []},
        "text": None,
        "buttons": [],
        "campaignId": campaign_id,
        "subjectId": None,
        "notAfter": None,
        "signature": None,
    }


def main(argv):
    if len(argv) != 8:
        print("usage: campaign_producer.py <SendRequest.avsc> <to E.164> <requestId> <campaignId> <purpose> "
              "<template> <language>", file=sys.stderr)
        return 2
    encode, schema_fingerprint = single_object_encoder(argv[1])
    to, request_id = argv[2], argv[3]
    producer = Producer({
        "bootstrap.servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        "client.id": "campaign-example",
        "acks": "all",
        "enable.idempotence": True,
        # production: "security.protocol": "SASL_SSL", "sasl.mechanisms": "SCRAM-SHA-512", username and password
    })
    failures = []

    def delivered(error, message):
        if error is not None:
            failures.append(error)
        else:
            print(f"published {request_id} to {message.topic()}-{message.partition()}@{message.offset()}")

    # the key is the number: every request to one person lands on one partition, in order
    producer.produce(TOPIC, key=to.encode("utf-8"),
                     value=encode(send_request(to, request_id, *argv[4:8])), on_delivery=delivered)
    if producer.flush(30) != 0 or failures:
        print(f"not delivered: {failures or 'timeout'}", file=sys.stderr)
        return 1
    print(f"fingerprint {schema_fingerprint}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
