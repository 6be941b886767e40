# The project's Gemini stub served by the WireMock image: the same mappings and extension the tests use.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -Pgemini-stub -DskipTests package

FROM wiremock/wiremock:3.13.2
COPY --from=build /src/target/vision-gateway-*-gemini-stub.jar /var/wiremock/extensions/gemini-stub.jar
COPY src/test/resources/gemini-stub/mappings /home/wiremock/mappings
CMD ["--extensions", "com.example.visiongateway.stub.GeminiStubExtension", "--no-request-journal"]
