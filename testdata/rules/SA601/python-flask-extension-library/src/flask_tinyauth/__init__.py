from flask import current_app
