# vision-gateway image: built on a JDK 17 (the project's language level), run on a Java 25 JRE.
# Build:  docker build -t vision-gateway:0.1.0 .
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
RUN ./mvnw -B -DskipTests package \
	&& cp target/vision-gateway-*.jar app.jar \
	&& java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25-jre
# A fixed, unprivileged UID so Kubernetes' runAsNonRoot can verify it (a user name cannot be checked).
RUN groupadd --system --gid 10001 app \
	&& useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
# Least to most often changed, so a code change ships only the last, small layer.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# The heap follows the container's memory limit; an OutOfMemoryError ends the JVM so the orchestrator restarts it
# instead of leaving a half-broken process. /tmp is the only writable path (multipart spill files, Tomcat's work dir).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
	SPRING_THREADS_VIRTUAL_ENABLED="true"
VOLUME /tmp
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
