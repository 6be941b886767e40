package com.example.visiongateway.multipart;

import java.time.Duration;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.Reservation;

/**
 * The shared budgets a multipart body is charged to.
 *
 * @param heap read buffers, part names and filenames, text parts and image parts kept on
 * the heap
 * @param disk image parts written to temp files
 * @param maxWait how long a reservation waits for a spent budget before
 * {@code 503 OVERLOADED}
 * @param partsOnHeap the share of the heap budget image parts may take (they are charged
 * to both), so they never take the room that buffers, names and text (which cannot go to
 * disk) need; past it they go to temp files
 */
record BodyBudgets(Budget heap, Budget disk, Duration maxWait, Budget partsOnHeap) {

	Reservation heapReservation() {
		return new Reservation(this.heap, this.maxWait);
	}

	Reservation partsOnHeapReservation() {
		return new Reservation(this.partsOnHeap, this.maxWait);
	}

	Reservation diskReservation() {
		return new Reservation(this.disk, this.maxWait);
	}

}
