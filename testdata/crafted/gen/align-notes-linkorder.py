from mkelf import *
import struct
aligns=[0,1,2,3,6,12,24,0x1000,1<<40,1<<62]
write('align.o',[Sec('.a%d'%i,1,0,data=b'a',align=a) for i,a in enumerate(aligns)])
write('align63.o',[Sec('.a',1,0,data=b'a',align=1<<63)])
write('align_odd63.o',[Sec('.a',1,0,data=b'a',align=(1<<63)|4)])
write('align32.o',[Sec('.a%d'%i,1,0,data=b'a',align=a) for i,a in enumerate([0,3,0x80000000,0xffffffff])],cls=32,machine=3)
write('note_pasteof.o',[Sec('.note.x',7,0,offset=0x10000,size=16)])
write('note_pasteof_empty.o',[Sec('.note.x',7,0,offset=0x10000,size=0)])
write('prog_pasteof.o',[Sec('.x',1,0,offset=0x10000,size=16)])
write('linkorder_bad.o',[Sec('.text',1,A|X,data=b'a'),Sec('.lo',1,A|0x80,data=b'a',link=3)])
write('linkorder_oor.o',[Sec('.text',1,A|X,data=b'a'),Sec('.lo',1,A|0x80,data=b'a',link=30)])
