"""Serves a Python Pulumi program to the CLI for `npm run engine`, on a machine with no Python language host.

This is how the Python Automation API runs an inline program (pulumi/automation/_stack.py): its LanguageServer in a
gRPC server on 127.0.0.1, and the CLI started with `--client=<address> --exec-kind auto.inline`. The program is run
the way the language host runs one (its pulumi-language-python-exec): `runpy.run_path(<main>, run_name="__main__")`
with the program's directory as the working directory, so a directory runs its `__main__.py`. The CLI runs the
program once per pass (`up` previews, then updates); each pass runs it afresh.

usage: python_program.py <main: a directory or a file> <program directory>
Prints the port on stdout, then serves until it is sent SIGTERM or SIGINT.
"""

import os
import runpy
import signal
import sys
import threading
from concurrent import futures

import grpc
from pulumi.automation._server import LanguageServer
from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS
from pulumi.runtime.proto import language_pb2_grpc


def main(program_main: str, program_dir: str) -> None:
    def program() -> None:
        os.chdir(program_dir)
        runpy.run_path(program_main, run_name="__main__")

    # The Automation API's own settings for its inline server (pulumi/automation/_stack.py).
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=_GRPC_CHANNEL_OPTIONS)
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(LanguageServer(program), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    server.stop(0)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write("usage: python_program.py <main> <program directory>\n")
        sys.exit(2)
    main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
