package onlinebench.simulator;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;

/** Gives every response head the headers of the profile's {@link HeaderStyle}. Stateless. */
@ChannelHandler.Sharable
final class HeaderStyleHandler extends ChannelOutboundHandlerAdapter {

  private final HeaderStyle style;

  HeaderStyleHandler(HeaderStyle style) {
    this.style = style;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      style.apply(response);
    }
    ctx.write(msg, promise);
  }
}
