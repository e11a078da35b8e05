"""gunicorn entry point: `gunicorn -c gunicorn.conf.py service.wsgi:app` (.env is read when present)."""
from . import create_app
from .config import load_dotenv_file

load_dotenv_file()
app = create_app()
