from fastapi import BackgroundTasks, FastAPI
from fastapi_mail import ConnectionConfig, FastMail, MessageSchema

app = FastAPI()
conf = ConnectionConfig(MAIL_USERNAME="u", MAIL_PASSWORD="p", MAIL_FROM="a@example.com", MAIL_PORT=587, MAIL_SERVER="smtp.example.com")


async def send_welcome(email: str):
    message = MessageSchema(subject="Welcome", recipients=[email], body="Hi", subtype="plain")
    await FastMail(conf).send_message(message)


@app.post("/signup")
async def signup(email: str, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_welcome, email)
    return {"queued": True}
