from flask import Flask

from app.billing import billing
from app.orders import orders

app = Flask(__name__)
app.register_blueprint(orders)
app.register_blueprint(billing)
