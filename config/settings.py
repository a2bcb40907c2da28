"""Settings, all read from the environment.

With no variables set the platform runs in the embedded mode: SQLite and files under DATA_DIR,
background tasks in threads of the web process, an in-memory channel layer, emails written as
.eml files. APP_MODE=production turns the defaults off: every service must then be configured
(see "Production" in README.md) and the process refuses to start when one is missing.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = os.environ

PRODUCTION = env.get("APP_MODE", "embedded") == "production"
if env.get("APP_MODE", "embedded") not in ("embedded", "production"):
    raise ImproperlyConfigured("APP_MODE must be 'embedded' or 'production'.")


def required(name: str, embedded_default: str) -> str:
    """A variable that production must set and the embedded mode may default."""
    value = env.get(name, "")
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set when APP_MODE=production.")
    return embedded_default


def flag(name: str, default: bool) -> bool:
    return env.get(name, str(default)).lower() in ("1", "true", "yes", "on")


DATA_DIR = Path(env.get("DATA_DIR", BASE_DIR / "data"))
SECRET_KEY = required("SECRET_KEY", "embedded-mode-only-not-secret")
DEBUG = flag("DEBUG", False)
ALLOWED_HOSTS = required("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in env.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SITE_NAME = env.get("SITE_NAME", "Interview Coach")
SITE_DOMAIN = env.get("SITE_DOMAIN", "127.0.0.1:8000")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "channels",
    "allauth",
    "allauth.account",
    "accounts",
    "resumes",
    "interviewer",
    "reviews",
    "reports",
    "assignments",
    "staff",
    "home",
]

MIDDLEWARE = [
    "config.errors.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.security_headers",
    "config.middleware.clean_input",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
ASGI_APPLICATION = "config.asgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL, else SQLite under DATA_DIR. WAL and immediate
# transactions let the embedded task threads write while pages read.
if env.get("DATABASE_URL"):
    # Set DATABASE_CONN_MAX_AGE=0 behind a pooler such as PgBouncer.
    conn_max_age = int(env.get("DATABASE_CONN_MAX_AGE", "60"))
    DATABASES = {"default": dj_database_url.parse(env["DATABASE_URL"], conn_max_age=conn_max_age)}
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set when APP_MODE=production.")
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "db.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file, not memory, so that a worker process started by a test sees the data.
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis carries the Celery queue, the channel layer and the cache (allauth's rate limits need
# a cache shared by every web process). Without it everything stays inside the one process.
REDIS_URL = required("REDIS_URL", "")
TASKS_IN_PROCESS = not REDIS_URL
# The embedded mode's stand-in for Celery beat (config/background.py): on wherever tasks run in
# the web process.
PERIODIC_WORK_IN_PROCESS = TASKS_IN_PROCESS
EMBEDDED_TASK_THREADS = int(env.get("EMBEDDED_TASK_THREADS", "2"))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env.get("CHANNELS_PREFIX", "asgi")},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CELERY_BROKER_URL = "memory://"
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks save what they produce in the database and announce it over the channel layer; nobody
# waits on a Celery result.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged once it has run, and put back when the process running it dies (an
# out-of-memory kill, say), so the answer it was grading is graded by another process. The tasks
# are safe to run again (interviewer/claims.py); one that dies twice gives up and says so.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands a task that was taken but never acknowledged (its whole worker died) to another
# worker after this long; it must outlast the longest task (the hard time limits below).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(env.get("BROKER_VISIBILITY_TIMEOUT_SECONDS", "300"))}
# Answers: transcription and grading. A task past its soft limit is told to stop; past its hard
# limit its process is killed and replaced.
ANSWER_TASK_SOFT_LIMIT_SECONDS = CELERY_TASK_SOFT_TIME_LIMIT = 120
ANSWER_TASK_HARD_LIMIT_SECONDS = CELERY_TASK_TIME_LIMIT = 150
# Documents (résumé reading, PDF reports) run on their own queue and worker, so a hostile file
# never holds up the answers that candidates are waiting for.
DOCUMENTS_QUEUE = "documents"
DOCUMENT_TASK_SOFT_LIMIT_SECONDS = 60
DOCUMENT_TASK_HARD_LIMIT_SECONDS = 90
CELERY_TASK_ROUTES = {
    "resumes.tasks.read_resume": {"queue": DOCUMENTS_QUEUE},
    "reports.tasks.send_report_email": {"queue": DOCUMENTS_QUEUE},
}
# A worker process loads the speech and embedding models before it takes work (several seconds,
# more on a busy machine): Celery's default of 4 s for a new process to report that it is up
# would kill every replacement of a dead process before it could start.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 120
# A process that has grown past this (KiB) is replaced after its current task: a leak, or one
# huge input, doesn't keep the memory for good. The models take about 2-3 GB.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(env.get("WORKER_MAX_MEMORY_MB", "4096")) * 1024
# Reading one résumé in a worker may take at most this much more memory: a file that would need
# more fails with a clear message to its owner instead of taking the machine.
RESUME_READING_MEMORY_MB = int(env.get("RESUME_READING_MEMORY_MB", "1024"))

# How fast one interview socket may send (interviewer/consumers.py): a rate a second and a burst,
# for every message, for the messages that start work on an answer (`typed_answer`,
# `answer_start`, `answer_end`) and for the bytes of recordings. Past them a message gets a
# `rate_limited` error and the socket stays open. The room sends about 1.5 messages a second
# while the candidate speaks: a recording chunk a second and a camera still (5 KB) every two,
# measured in Chromium with its fake camera (31 KB/s of video; a real webcam is at most Chrome's
# default 2.5 Mbit/s, 0.3 MiB/s). The bursts cover a connection that stalled for a minute and
# then sends what it held back.
SOCKET_MESSAGES_PER_SECOND, SOCKET_MESSAGE_BURST = 10, 120
SOCKET_ANSWERS_PER_SECOND, SOCKET_ANSWER_BURST = 1, 10
SOCKET_RECORDING_BYTES_PER_SECOND, SOCKET_RECORDING_BYTE_BURST = 2 * 2**20, 32 * 2**20

# Accounts (django-allauth): email only, no usernames.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.get("EMAIL_VERIFICATION", "mandatory" if PRODUCTION else "optional")
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "signup": "20/m/ip"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Email: SMTP in production, .eml files in DATA_DIR/emails otherwise.
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = required("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = flag("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = flag("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "config.mail.EmlFileBackend"
EMAIL_FILE_PATH = DATA_DIR / "emails"

# Reports: the PDF report is emailed to the candidate when an interview ends (candidates can turn
# it off for themselves on their Progress page; 0 turns it off for everyone).
REPORT_EMAILS_AFTER_INTERVIEW = flag("REPORT_EMAILS_AFTER_INTERVIEW", True)

# Camera analysis (interviewer/engine/presence.py). CAMERA_ANALYSIS=off records video (when the
# candidate allows the camera) but measures nothing in it. EXPRESSION_ANALYSIS=on also reads facial
# expressions with fer; it is off by default, and an institution in the EU must leave it off: the
# AI Act, Art. 5(1)(f), prohibits inferring emotions in education and workplaces (see README).
# Staff can turn either off for a cohort; nothing turns them on where the server has them off.
CAMERA_ANALYSIS = flag("CAMERA_ANALYSIS", True)
EXPRESSION_ANALYSIS = CAMERA_ANALYSIS and flag("EXPRESSION_ANALYSIS", False)

# Retention: recordings are deleted this many days after they were made (the answers' text,
# grades and measures stay); transcripts too when TRANSCRIPT_RETENTION_DAYS is set (0 or empty:
# kept until the candidate deletes them). A periodic task applies both (Celery beat in
# production, a thread in the embedded mode), as does `manage.py delete_expired_recordings`.
RECORDING_RETENTION_DAYS = int(env.get("RECORDING_RETENTION_DAYS", "180"))
TRANSCRIPT_RETENTION_DAYS = int(env.get("TRANSCRIPT_RETENTION_DAYS", "0") or 0)
RETENTION_CHECK_HOURS = float(env.get("RETENTION_CHECK_HOURS", "6"))
# Each user's recordings and résumés may take this much space (0: no limit). Past it a new
# recording or résumé upload is refused with a message (typed answers still work); nothing stored
# is deleted. An hour of video at Chrome's default bitrate takes about 1.1 GB.
STORAGE_QUOTA_MB = int(env.get("STORAGE_QUOTA_MB", "2048"))
# Work saved but never queued (a web process that died just after saving it) or whose task died:
# résumés, report emails and invitations still waiting this long are queued again (at most
# twice), then marked failed with a message for their owner (config/queued_work.py). A periodic
# task looks every STUCK_WORK_CHECK_MINUTES, as does `manage.py requeue_stuck_work`.
STUCK_WORK_MINUTES = float(env.get("STUCK_WORK_MINUTES", "10"))
STUCK_WORK_CHECK_MINUTES = float(env.get("STUCK_WORK_CHECK_MINUTES", "5"))
# Each kind of queued work's sweep (config.queued_work.requeue_stuck), run by the periodic
# task accounts.tasks.requeue_stuck_work and by `manage.py requeue_stuck_work`.
STUCK_WORK_SWEEPS = {
    "resumes": "resumes.services.requeue_stuck_resumes",
    "report_emails": "reports.services.requeue_stuck_report_emails",
    "invitations": "staff.invites.requeue_stuck_invitations",
}
CELERY_BEAT_SCHEDULE = {
    "delete-expired-recordings": {
        "task": "interviewer.tasks.delete_expired_recordings",
        "schedule": RETENTION_CHECK_HOURS * 3600,
    },
    "requeue-stuck-work": {
        "task": "accounts.tasks.requeue_stuck_work",
        "schedule": STUCK_WORK_CHECK_MINUTES * 60,
    },
    # Scores the finishing of an interview or a late camera analysis did not store (a process
    # that died in between, interviews from before scores were stored): the staff pages read them.
    "store-missing-scores": {
        "task": "reports.tasks.store_missing_scores",
        "schedule": STUCK_WORK_CHECK_MINUTES * 60,
    },
}

# Files. Static files are public and served by WhiteNoise; uploads (recordings, résumés) are
# private: MEDIA_ROOT is never exposed by URL, views check ownership before streaming a file.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# No request body may be larger (config/body_limit.py): the largest upload, a 5 MB résumé, and
# its form around it.
MAX_REQUEST_BYTES = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Production hardening; `manage.py check --deploy` reports nothing with APP_MODE=production.
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = flag("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = flag("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters.")

# Questions are spoken by Piper with its bundled voice (offline); "gtts" uses Google's voice when
# reachable and falls back to Piper; "none" shows captions only.
# The engine (interviewer/engine/) reads none of these itself: interviewer/engine_config.py hands
# them to it when the app is ready.
TTS_ENGINE = env.get("TTS_ENGINE", "piper")
TTS_CACHE_DIR = Path(env.get("TTS_CACHE_DIR") or DATA_DIR / "tts-cache")
# gTTS is asked only after a connection to this host:port opens (a proxy's, if Google is reached
# through one).
GTTS_CHECK_ADDRESS = env.get("GTTS_CHECK_ADDRESS", "translate.google.com:443")
# The embedding model converted to 8-bit ONNX on first use (interviewer/engine/embedding.py), and
# Whisper base joined from its two halves.
MODEL_CACHE_DIR = Path(env.get("MODEL_CACHE_DIR") or DATA_DIR / "models")
# The sentence embedding model (interviewer/engine/similarity.py): the bundled MiniLM unless this
# names another local sentence-transformers folder; its threads per process.
EMBEDDING_MODEL_PATH = env.get("EMBEDDING_MODEL_PATH", "")
EMBEDDING_THREADS = int(env.get("EMBEDDING_THREADS", "1"))

# Speech to text: Whisper "tiny.en" or "base" (multilingual), both shipped in packages
# (interviewer/engine/transcription.py); base is assembled into MODEL_CACHE_DIR on first use.
# WHISPER_MODEL_PATH may name another local CTranslate2 folder instead.
WHISPER_MODEL = env.get("WHISPER_MODEL", "tiny.en")
if WHISPER_MODEL not in ("tiny.en", "base"):
    raise ImproperlyConfigured(f"WHISPER_MODEL must be tiny.en or base, not {WHISPER_MODEL!r}.")
WHISPER_MODEL_PATH = env.get("WHISPER_MODEL_PATH", "")
WHISPER_THREADS = int(env.get("WHISPER_THREADS", "2"))

# Optional language model (interviewer/engine/llm/): any OpenAI-compatible chat-completions
# endpoint, e.g. LLM_BASE_URL=http://127.0.0.1:11434/v1 (Ollama) with LLM_MODEL=llama3.1:8b. It is
# OFF unless both are set, and then nothing is ever sent; staff can also turn it off per cohort.
LLM_BASE_URL = env.get("LLM_BASE_URL", "")
LLM_MODEL = env.get("LLM_MODEL", "")
LLM_API_KEY = env.get("LLM_API_KEY", "")
LLM_TIMEOUT_SECONDS = float(env.get("LLM_TIMEOUT_SECONDS", "20"))  # the whole call, streamed or not
LLM_CONNECT_TIMEOUT_SECONDS = float(env.get("LLM_CONNECT_TIMEOUT_SECONDS", "3"))
LLM_READ_TIMEOUT_SECONDS = float(env.get("LLM_READ_TIMEOUT_SECONDS", "10"))  # silence between two reads
LLM_STREAM = flag("LLM_STREAM", True)  # server-sent events: a stalled server is noticed within the read timeout
LLM_REQUESTS_PER_USER_PER_HOUR = int(env.get("LLM_REQUESTS_PER_USER_PER_HOUR", "60"))
LLM_BREAKER_FAILURES = int(env.get("LLM_BREAKER_FAILURES", "3"))  # consecutive failures that stop the calls
LLM_BREAKER_COOL_DOWN_SECONDS = float(env.get("LLM_BREAKER_COOL_DOWN_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "filters": {"request_id": {"()": "config.errors.RequestIdFilter"}},
    "loggers": {
        # WeasyPrint and fontTools log every step of rendering a PDF at INFO.
        **{name: {"level": "WARNING"} for name in ("django.channels.server", "weasyprint", "fontTools")},
        # A failed request's line ends with the id its error page shows.
        "django.request": {"filters": ["request_id"]},
    },
}
