# vision-gateway image: built on a JDK 17 (the project's language level), run on a Java 25 JRE that starts from an
# AOT cache made by a training run against the built-in Gemini stub (scripts/aot-train.sh).
# Build:  docker build -t vision-gateway:0.1.0 .      (BuildKit: the training stage bind-mounts the stub jars)
# Run:    docker run --rm -p 8080:8080 --read-only -e GEMINI_API_KEY=... vision-gateway:0.1.0

FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
# The wrapper and the pom first: the dependency layer is rebuilt only when they change, not on every source edit.
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
# Warms the local repository; the package step below may still fetch what go-offline cannot foresee.
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# The app jar, and for the training run the stub with its traffic (-Pgemini-stub) beside WireMock itself.
RUN ./mvnw -B -Pgemini-stub -DskipTests package \
	&& cp target/vision-gateway-*-SNAPSHOT.jar app.jar \
	&& java -Djarmode=tools -jar app.jar extract --layers --destination extracted \
	&& mkdir training \
	&& cp target/vision-gateway-*-gemini-stub.jar training/ \
	&& ./mvnw -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 -DoutputDirectory=training

FROM eclipse-temurin:25-jre
# A fixed, unprivileged UID so Kubernetes' runAsNonRoot can verify it (a user name cannot be checked).
RUN groupadd --system --gid 10001 app \
	&& useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
# Least to most often changed, so a code change ships only the last, small layers.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# The AOT cache is made here, on this JRE and with these very files (the JVM refuses a cache whose class path
# differs), by serving the training traffic; the stub's jars are only mounted for this step, never shipped.
RUN --mount=type=bind,from=build,source=/workspace/training,target=/training \
	--mount=type=bind,source=scripts/aot-train.sh,target=/usr/local/bin/aot-train.sh \
	aot-train.sh /app "/training/*"
# The heap follows the container's memory limit; an OutOfMemoryError ends the JVM so the orchestrator restarts it
# instead of leaving a half-broken process. /tmp is the only writable path (multipart spill files, Tomcat's work dir).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
	SPRING_THREADS_VIRTUAL_ENABLED="true"
VOLUME /tmp
USER 10001:10001
EXPOSE 8080
# A missing or unusable cache is reported and the JVM starts without it.
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
