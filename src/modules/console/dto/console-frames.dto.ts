import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { POWER_ACTIONS, PowerAction } from '../../gameserver/dto/gameserver.dto';

/*
 * Incoming console frames are Wings-style `{ event, args }`; each handler's `args` is checked by
 * one of these through the application's ValidationPipe, so a bad frame is answered with an
 * `error` frame carrying the same ValidationError (and details) as an HTTP body would.
 */

/** `send command` [line]: one console line. */
export class SendCommandFrame {
  @IsArray()
  @ArrayMinSize(1, { message: 'send command takes one line' })
  @ArrayMaxSize(1, { message: 'send command takes one line' })
  @IsString({ each: true, message: 'the line must be a string' })
  @Length(1, 4096, { each: true, message: 'the line must be 1–4096 characters' })
  @Matches(/^[^\r\n]*$/, { each: true, message: 'the line must not contain line breaks' })
  args: [string];
}

/** `set state` [action]: start, stop, restart or kill. */
export class SetStateFrame {
  @IsArray()
  @ArrayMinSize(1, { message: `set state takes one of ${POWER_ACTIONS.join(', ')}` })
  @ArrayMaxSize(1, { message: `set state takes one of ${POWER_ACTIONS.join(', ')}` })
  @IsIn(POWER_ACTIONS, { each: true, message: `set state takes one of ${POWER_ACTIONS.join(', ')}` })
  args: [PowerAction];
}

/** `resume` [lastSeq]: the last seq the client received. */
export class ResumeFrame {
  @IsArray()
  @ArrayMinSize(1, { message: 'resume takes the last seq you received' })
  @ArrayMaxSize(1, { message: 'resume takes the last seq you received' })
  @IsInt({ each: true, message: 'resume takes the last seq you received (an integer ≥ 0)' })
  @Min(0, { each: true, message: 'resume takes the last seq you received (an integer ≥ 0)' })
  @Max(Number.MAX_SAFE_INTEGER, { each: true, message: 'resume takes the last seq you received (an integer ≥ 0)' })
  args: [number];
}

/** `auth` [token]: a fresh console or access token for the open socket. */
export class AuthFrame {
  @IsArray()
  @ArrayMinSize(1, { message: 'auth takes a token' })
  @ArrayMaxSize(1, { message: 'auth takes a token' })
  @IsString({ each: true, message: 'auth takes a token' })
  @MaxLength(8192, { each: true, message: 'auth takes a token' })
  args: [string];
}

/** `send logs`, `send stats`: no arguments (any given are ignored, as before). */
export class NoArgsFrame {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  args?: unknown[];
}

/** The console socket's query string: `?token=…&since=<seq>`. */
export class ConsoleConnectQuery {
  @IsOptional() @IsString() @MaxLength(8192) token?: string;
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'since must be a non-negative integer' })
  @Min(0, { message: 'since must be a non-negative integer' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'since must be a non-negative integer' })
  since?: number;
}
