"""An SMTP server for the tests (aiosmtpd): STARTTLS or implicit TLS with the test's own
certificate, AUTH with one account, mail kept in a Maildir. Prints READY when it listens and
runs until it is terminated. Not part of the product."""
import argparse
import signal
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user \
            and auth_data.password.decode() == args.password
        return AuthResult(success=ok, handled=False)

    options = {}
    if args.user:
        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=True)
    if context and not args.implicit_tls:
        options.update(tls_context=context, require_starttls=True)
    controller = Controller(Mailbox(args.maildir), hostname="127.0.0.1", port=args.port,
                            ssl_context=context if args.implicit_tls else None, server_hostname="127.0.0.1", **options)
    controller.start()
    print("READY", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (controller.stop(), sys.exit(0)))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
