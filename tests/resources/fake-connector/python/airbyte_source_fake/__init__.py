"""A tiny Airbyte source for tests: one stream, a secret echoed in its logs."""
import json
import sys


def _emit(message):
    print(json.dumps(message), flush=True)


def main():
    args = sys.argv[1:]
    command = args[0] if args else ""
    options = dict(zip(args[1::2], args[2::2]))
    config = {}
    if "--config" in options:
        with open(options["--config"]) as f:
            config = json.load(f)
    print("python fake source starting", flush=True)
    if command == "spec":
        _emit({"type": "SPEC", "spec": {"connectionSpecification": {
            "type": "object", "required": ["api_key"],
            "properties": {"api_key": {"type": "string", "airbyte_secret": True}}}}})
    elif command == "check":
        _emit({"type": "LOG", "log": {"level": "INFO", "message": "checking key " + config.get("api_key", "")}})
        _emit({"type": "CONNECTION_STATUS", "connectionStatus": {"status": "SUCCEEDED"}})
    elif command == "discover":
        _emit({"type": "CATALOG", "catalog": {"streams": [{
            "name": "pets", "json_schema": {"type": "object", "properties": {"pet": {"type": "string"}}},
            "supported_sync_modes": ["full_refresh"]}]}})
    elif command == "read":
        for pet in ["cat", "dog", "newt"]:
            _emit({"type": "RECORD", "record": {"stream": "pets", "emitted_at": 1, "data": {"pet": pet}}})
    else:
        print("unknown command", file=sys.stderr)
        sys.exit(2)
