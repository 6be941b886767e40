package com.example.visiongateway.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The HTTP client's only resolver: it looks a name up and hands the connection only
 * addresses {@link FetchGuard} accepted, so the address checked is the address connected
 * to (a second, different DNS answer cannot slip in between check and connect). The JDK
 * lookup blocks, so it runs on Reactor's bounded elastic threads, never on an event loop.
 */
final class VettingResolverGroup extends AddressResolverGroup<InetSocketAddress> {

	private final FetchGuard guard;

	VettingResolverGroup(FetchGuard guard) {
		this.guard = guard;
	}

	@Override
	protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
		return new VettingResolver(executor, this.guard);
	}

	/**
	 * The reason a resolved name was refused; the fetcher turns it into the contract
	 * problem.
	 */
	static final class RefusedAddressException extends UnknownHostException {

		private static final long serialVersionUID = 1L;

		RefusedAddressException(String reason) {
			super(reason);
		}

	}

	private static final class VettingResolver extends AbstractAddressResolver<InetSocketAddress> {

		private final FetchGuard guard;

		VettingResolver(EventExecutor executor, FetchGuard guard) {
			super(executor, InetSocketAddress.class);
			this.guard = guard;
		}

		@Override
		protected boolean doIsResolved(InetSocketAddress address) {
			return !address.isUnresolved();
		}

		@Override
		protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
			lookUp(unresolved).subscribe((addresses) -> promise.trySuccess(addresses.get(0)), promise::tryFailure);
		}

		@Override
		protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
			lookUp(unresolved).subscribe(promise::trySuccess, promise::tryFailure);
		}

		private Mono<List<InetSocketAddress>> lookUp(InetSocketAddress unresolved) {
			String host = FetchTarget.normalize(unresolved.getHostString());
			return Mono.fromCallable(() -> {
				List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(host));
				String refusal = this.guard.refusal(host, addresses).orElse(null);
				if (refusal != null) {
					throw new RefusedAddressException(refusal);
				}
				// each address keeps the name, so TLS still sends SNI for it and checks
				// the certificate against it
				return addresses.stream()
					.map((address) -> new InetSocketAddress(address, unresolved.getPort()))
					.toList();
			}).subscribeOn(Schedulers.boundedElastic());
		}

	}

}
