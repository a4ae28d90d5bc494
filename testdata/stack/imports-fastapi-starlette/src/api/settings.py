from pydantic import BaseModel


class Settings(BaseModel):
    debug: bool = False
