"""gunicorn settings for `gunicorn -c gunicorn.conf.py service.wsgi:app` (the image's command).

The same settings as `eventsvc serve` (service/serving.py says why each is what it is); PORT, WEB_CONCURRENCY
and WEB_THREADS come from the environment, and HOST (default 0.0.0.0 here: in a container, every interface).
"""
import os

from service import serving

serving.install_problem_errors()

_options = serving.options(os.environ.get("HOST", "0.0.0.0"), int(os.environ.get("PORT", "8000")),
                           int(os.environ.get("WEB_CONCURRENCY", "2")), int(os.environ.get("WEB_THREADS", "16")))
bind = _options["bind"]
workers = _options["workers"]
worker_class = _options["worker_class"]
threads = _options["threads"]
timeout = _options["timeout"]
graceful_timeout = _options["graceful_timeout"]
limit_request_line = _options["limit_request_line"]
limit_request_fields = _options["limit_request_fields"]
limit_request_field_size = _options["limit_request_field_size"]
worker_int = _options["worker_int"]
worker_exit = _options["worker_exit"]
