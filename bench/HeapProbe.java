import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * Reads a running JVM's heap through the attach API (local only, no port): {@code reset} forces a full GC, prints
 * the heap in use after it (the idle heap) and resets every heap pool's peak; {@code peak} prints the sum of the
 * heap pools' peaks since then (an upper bound of the peak heap: each pool's own maximum, garbage included), then
 * forces a full GC and prints what is still in use. Run with {@code java bench/HeapProbe.java PID reset|peak}.
 */
public class HeapProbe {

	public static void main(String[] args) throws Exception {
		VirtualMachine vm = VirtualMachine.attach(args[0]);
		try {
			String address = vm.startLocalManagementAgent();
			try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
				MBeanServerConnection server = connector.getMBeanServerConnection();
				MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server,
						ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
				List<MemoryPoolMXBean> heap = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)
					.stream()
					.filter((pool) -> pool.getType() == MemoryType.HEAP)
					.toList();
				if ("reset".equals(args[1])) {
					memory.gc();
					heap.forEach(MemoryPoolMXBean::resetPeakUsage);
					System.out.println("idle_used_bytes=" + memory.getHeapMemoryUsage().getUsed());
				}
				else {
					long peak = 0;
					StringBuilder pools = new StringBuilder();
					for (MemoryPoolMXBean pool : heap) {
						long used = pool.getPeakUsage().getUsed();
						peak += used;
						pools.append(pool.getName().replace(' ', '_')).append('=').append(used).append(' ');
					}
					System.out.println("peak_bytes=" + peak + " " + pools.toString().strip());
					memory.gc();
					System.out.println("after_gc_used_bytes=" + memory.getHeapMemoryUsage().getUsed());
				}
			}
		}
		finally {
			vm.detach();
		}
	}

}
