import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What Django loaded to start (apps, models, settings) lives as long as the process: moved out
# of the garbage collector's sight, a full collection no longer walks it on every request that
# triggers one (Python's gc.freeze, made for long-lived servers).
gc.freeze()
