import { Controller, Post, Body } from '@nestjs/common';

@Controller({ path: 'auth', version: '1' })
export class AuthController {
  @Post(['login', 'sign-in'])
  login(@Body() body: unknown) {
    return body;
  }
}
