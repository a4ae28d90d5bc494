#!/bin/sh
# The same image runs on laptops and in production.
python manage.py migrate --noinput
if [ "$DJANGO_ENV" = "development" ]; then
    exec python manage.py runserver 0.0.0.0:8000
else
    exec gunicorn shop.wsgi:application --bind 0.0.0.0:8000 --workers 4
fi
