package com.fleetprovisioner.web.routing;

import io.javalin.http.Handler;

/**
 * Javalin hands exceptions to the app's exception handlers, but answers a {@link Error}
 * ({@link OutOfMemoryError}, {@link StackOverflowError} …) itself with an empty 500, which a browser
 * shows as its own error page. Every handler and filter of ours is wrapped here, so an Error reaches
 * our error page (with an id, logged with the Error) as an {@link ErrorInHandler}. Nothing carries on
 * after it: the request ends with that page.
 */
public final class ErrorGuard {
    /** An Error thrown by one of our handlers, carried to the exception handlers. */
    public static final class ErrorInHandler extends RuntimeException {
        ErrorInHandler(Error error) {
            super(error.toString(), error, false, false);
        }
    }

    private ErrorGuard() {
    }

    public static Handler guard(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Error error) {
                throw new ErrorInHandler(error);
            }
        };
    }
}
