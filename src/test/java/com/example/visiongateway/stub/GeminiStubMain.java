package com.example.visiongateway.stub;

/**
 * Runs the Gemini stub on its own, for key-less runs of the service and for sdk-check.
 * Argument: the port (default 0, a free one). The journal is off, so a long run keeps no
 * request bodies.
 */
public final class GeminiStubMain {

	private GeminiStubMain() {
	}

	public static void main(String[] args) {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		GeminiStub stub = GeminiStub.start(port, false);
		Runtime.getRuntime().addShutdownHook(new Thread(stub::close, "gemini-stub-shutdown"));
		System.out.println("Gemini stub listening on " + stub.baseUrl());
	}

}
