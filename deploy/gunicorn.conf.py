"""gunicorn settings of trustmap behind nginx (`deploy/serve.py`, run by `make serve`).

nginx reads every request in full before passing it on and takes every response at once, so a
worker never waits on a slow client. Threads let a worker serve the map while one of its
threads waits for the export renderer (Chromium): exports never block the map's requests.
"""

import logging
import sys

wsgi_app = "app:server"
# The app is loaded, and its cache warmed (`when_ready`), once before the workers fork: they
# start with it, and share its memory until they change it.
preload_app = True
workers = 2
worker_class = "gthread"
threads = 4
timeout = 30  # above an export's longest wait plus drawing (trustmap.export.renderer)
graceful_timeout = 10
keepalive = 15  # nginx keeps connections to the workers open (deploy/nginx.conf)
errorlog = "-"
loglevel = "info"
accesslog = None  # nginx logs each request once
# No control socket: its default path is per user, and two instances (or people) would share it.
control_socket_disable = True


def post_worker_init(worker):
    """A response's head leaves with its body (deploy/whole_head.py)."""
    from deploy.whole_head import hold_heads

    hold_heads()


def on_starting(server):
    """The app's own log lines (refusals, incidents, the cache) beside gunicorn's, on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter(
            "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "[%Y-%m-%d %H:%M:%S %z]",
        )
    )
    app_log = logging.getLogger("trustmap")
    app_log.addHandler(handler)
    app_log.setLevel(logging.INFO)
    app_log.propagate = False


def when_ready(server):
    """Warm the cache before the first worker starts (serving/warm.py)."""
    import time

    from app import server as app_server
    from serving.warm import warm_up

    started = time.monotonic()
    with app_server.app_context():
        councils = warm_up()
    server.log.info(
        "cache warmed: %d councils' panels in %.1f s", councils, time.monotonic() - started
    )


def worker_exit(server, worker):
    """Stop this worker's export renderer with it (Chromium runs in a session of its own)."""
    from trustmap.export.renderer import renderer

    renderer.close()
